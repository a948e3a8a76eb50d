// What the stand-in upstreams share: times, hashes and the HTTP answers.
import { createHash } from 'node:crypto';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const iso = ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const sha1 = text => createHash('sha1').update(text).digest('hex');

export function send(res, status, body, headers = {}) {
  const json = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined
      ? {}
      : {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(json),
        }),
    ...headers,
  });
  res.end(json);
}

export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export const intParam = (value, fallback) => {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : fallback;
};
