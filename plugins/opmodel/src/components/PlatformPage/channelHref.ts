/**
 * Where a support channel's target (free text: a channel, address, queue or URL) links, or
 * `undefined` when it names nothing a browser can open:
 *
 * - an http(s) URL (a Slack or Teams channel's, a ticket queue's, a forum's) links to itself;
 * - a `slack://` deep link opens the Slack app;
 * - a Slack channel (`#name`) links to it when the value names the workspace
 *   (`<workspace>.slack.com`, for example `northwind.slack.com/#platform-help`,
 *   `slack:northwind.slack.com#platform-help` or `#platform-help (northwind.slack.com)`), through
 *   Slack's `app_redirect`;
 * - an email address (`mailto:` or bare) to `mailto:`.
 *
 * A bare `#name` stays text: without the workspace there is no URL to it.
 */
export function channelHref(target: string): string | undefined {
  const value = target.trim();
  if (/^https?:\/\/\S+$/i.test(value)) return value;
  if (/^slack:\/\/\S+$/i.test(value)) return value;
  const workspace =
    /(?:^|[^\w.-])([a-z0-9][a-z0-9-]*(?:\.enterprise)?)\.slack\.com\b/i.exec(
      value,
    )?.[1];
  const channel = /#([\p{L}\p{N}_-]+)/u.exec(value)?.[1];
  // app.slack.com and www.slack.com are Slack's own, not a workspace
  if (workspace && channel && !/^(app|www)$/i.test(workspace))
    return `https://${workspace.toLocaleLowerCase(
      'en-US',
    )}.slack.com/app_redirect?channel=${encodeURIComponent(channel)}`;
  const email = /^(?:mailto:)?([^\s@:/#]+@[^\s@:/]+\.[^\s@:/]+)$/i.exec(
    value,
  )?.[1];
  if (email) return `mailto:${email}`;
  return undefined;
}
