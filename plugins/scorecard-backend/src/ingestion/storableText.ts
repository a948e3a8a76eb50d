// Text PostgreSQL can store: no NUL character, no unpaired UTF-16 surrogate.
export const STORABLE =
  // eslint-disable-next-line no-control-regex
  /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
