// Files written by hyparquet-writer (JavaScript; data page v2 only, its own encoders).
import { parquetWriteFile } from 'hyparquet-writer';
import fs from 'fs';
import { random, toJsonLines, rowCount } from './common.mjs';

const out = new URL('../hyparquet/', import.meta.url);
fs.mkdirSync(out, { recursive: true });
const r = random(4242);
const rows = Array.from({ length: rowCount }, (_, i) => ({
  id: i,
  big: r.maybe(0.1, () => BigInt(r.int(2 ** 31)) * BigInt(r.int(2 ** 31)) - 2n ** 60n),
  f: r.maybe(0.1, () => Math.fround(r.next() * 1000 - 500)),
  d: r.maybe(0.1, () => r.next() * 1e9 - 5e8),
  s: r.maybe(0.1, r.word),
  b: r.maybe(0.1, () => r.next() < 0.3),
  ts: r.maybe(0.1, () => new Date(r.int(2e12) - 1e12)),
  j: r.maybe(0.2, () => ({ a: r.int(10) })),
  u: r.maybe(0.2, () => new Uint8Array(Array.from({ length: 16 }, () => r.int(256)))),
  konst: 'same', // one dictionary entry: indices of bit width 0
  sorted: i * 3 + (i % 7),
  split: r.maybe(0.1, () => r.next() * 100),
  tags: r.maybe(0.2, () => Array.from({ length: r.int(4) }, () => r.maybe(0.2, r.word))),
  nums: Array.from({ length: r.int(5) }, () => r.int(1000)),
}));
// JSON columns hold the value's JSON text; timestamps are milliseconds since the epoch.
fs.writeFileSync(new URL('hyparquet.expected.jsonl', out), toJsonLines(rows.map(row => ({ ...row, ts: row.ts?.getTime() ?? null, j: row.j === null ? null : JSON.stringify(row.j) }))));

const column = (name, type, extra = {}) => ({ name, data: rows.map(row => row[name]), type, ...extra });
const scalars = [
  column('id', 'INT32', { nullable: false }),
  column('big', 'INT64'),
  column('f', 'FLOAT'),
  column('d', 'DOUBLE'),
  column('s', 'STRING'),
  column('b', 'BOOLEAN'),
  column('ts', 'TIMESTAMP'),
  column('j', 'JSON'),
  column('u', 'UUID'),
  column('konst', 'STRING', { nullable: false }),
];
const encoded = (c) => c.type === 'BOOLEAN' ? { ...c, encoding: 'RLE' }
  : c.type === 'STRING' || c.type === 'JSON' ? { ...c, encoding: 'DELTA_BYTE_ARRAY' }
    : c.type === 'INT64' || c.type === 'INT32' ? { ...c, encoding: 'DELTA_BINARY_PACKED' } : c;
const files = {
  'default-snappy': [[...scalars, column('sorted', 'INT32'), column('split', 'DOUBLE')], { codec: 'SNAPPY', rowGroupSize: [50, 200] }],
  'encodings-uncompressed-small-pages': [[...scalars.map(encoded), column('sorted', 'INT32', { encoding: 'DELTA_BINARY_PACKED' }), column('split', 'DOUBLE', { encoding: 'BYTE_STREAM_SPLIT' })], { codec: 'UNCOMPRESSED', pageSize: 500 }],
  'delta-length-snappy': [[column('id', 'INT32', { nullable: false }), column('s', 'STRING', { encoding: 'DELTA_LENGTH_BYTE_ARRAY' }), column('f', 'FLOAT', { encoding: 'BYTE_STREAM_SPLIT' }), column('big', 'INT64', { encoding: 'BYTE_STREAM_SPLIT' })], { codec: 'SNAPPY' }],
};
for (const [name, [columnData, options]] of Object.entries(files)) {
  parquetWriteFile({ filename: new URL(`${name}.parquet`, out).pathname, columnData, ...options });
}

// Lists through an explicit schema.
parquetWriteFile({
  filename: new URL('lists-snappy.parquet', out).pathname,
  columnData: [{ name: 'id', data: rows.map(row => row.id) }, { name: 'tags', data: rows.map(row => row.tags) }, { name: 'nums', data: rows.map(row => row.nums) }],
  schema: [
    { name: 'root', num_children: 3 },
    { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'nums', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'INT32', repetition_type: 'REQUIRED' },
  ],
});

// A shredded VARIANT and a GEOMETRY column beside ordinary ones, which a row type that leaves them out still reads.
parquetWriteFile({
  filename: new URL('variant-geometry-snappy.parquet', out).pathname,
  columnData: [
    column('id', 'INT32', { nullable: false }),
    { name: 'event', data: rows.map(row => ({ kind: row.s, n: row.id, list: row.nums })), type: 'VARIANT', shredding: true },
    column('s', 'STRING'),
    { name: 'geom', data: rows.map(row => ({ type: 'Point', coordinates: [row.id, row.id / 2] })), type: 'GEOMETRY' },
  ],
});
