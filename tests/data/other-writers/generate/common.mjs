// One seeded generator per file family, so that every run writes the same rows.
export function random(seed) {
  let state = seed;
  const next = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    // null with probability p, else make()
    maybe: (p, make) => (next() < p ? null : make()),
    word: () => ['alpha', 'beta', 'gamma', 'δέλτα', '', 'e'.repeat(int(40)), 'zeta-' + int(1000), '😀x'][int(8)],
  };
}

// Rows as JSON lines: 64-bit integers as strings, bytes as hex, maps as objects.
export function toJsonLines(rows) {
  const replacer = (key, value) =>
    typeof value === 'bigint' ? value.toString()
      : value instanceof Map ? Object.fromEntries(value.entries())
        : value instanceof Uint8Array ? Buffer.from(value).toString('hex')
          : value?.type === 'Buffer' && Array.isArray(value.data) ? Buffer.from(value.data).toString('hex')
          : value === undefined ? null : value;
  return rows.map(row => JSON.stringify(row, replacer)).join('\n') + '\n';
}

export const rowCount = +(process.env.ROWS ?? 400);
