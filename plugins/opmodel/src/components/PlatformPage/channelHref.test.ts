import { channelHref } from './channelHref';

describe('channelHref', () => {
  it.each([
    // a web page links to itself
    [
      'https://northwind.slack.com/archives/C024BE91L',
      'https://northwind.slack.com/archives/C024BE91L',
    ],
    ['http://tickets.example/queue/42', 'http://tickets.example/queue/42'],
    // a Slack deep link opens the app
    [
      'slack://channel?team=T024BE91L&id=C024BE91L',
      'slack://channel?team=T024BE91L&id=C024BE91L',
    ],
    // a Slack channel with its workspace
    [
      'northwind.slack.com/#platform-help',
      'https://northwind.slack.com/app_redirect?channel=platform-help',
    ],
    [
      'slack:northwind.slack.com#platform-help',
      'https://northwind.slack.com/app_redirect?channel=platform-help',
    ],
    [
      '#platform-help (Northwind.slack.com)',
      'https://northwind.slack.com/app_redirect?channel=platform-help',
    ],
    // an email address
    [
      'platform-team@northwind.example',
      'mailto:platform-team@northwind.example',
    ],
    [
      'mailto:platform-team@northwind.example',
      'mailto:platform-team@northwind.example',
    ],
  ])('links %s to %s', (target, href) => {
    expect(channelHref(target)).toBe(href);
  });

  it.each([
    // no workspace: no URL to the channel
    '#platform-help',
    'slack:#platform-help',
    '#platform-help on app.slack.com',
    // a pager rotation, a queue, a room, a phone number
    'platform-oncall',
    'PLAT queue in Jira',
    'Room 4.12, Thursdays 14:00',
    '+44 20 7946 0000',
    // a script is never a link (Backstage's Link would refuse it)
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    'not an address@',
  ])('leaves %s as text', target => {
    expect(channelHref(target)).toBeUndefined();
  });
});
