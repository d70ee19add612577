// Files written by parquetjs (@dsnp/parquetjs; legacy nesting: bare repeated fields, repeated groups).
const parquet = require('@dsnp/parquetjs');
const fs = require('fs');
const path = require('path');

(async () => {
  const { random, toJsonLines, rowCount } = await import('./common.mjs');
  const out = path.join(__dirname, '..', 'parquetjs');
  fs.mkdirSync(out, { recursive: true });
  const r = random(99);
  const fields = (integerEncoding) => ({
    id: { type: 'INT64' },
    name: { type: 'UTF8' },
    opt: { type: 'INT32', optional: true },
    coded: { type: 'INT32', encoding: integerEncoding, typeLength: 12, optional: true },
    flag: { type: 'BOOLEAN', optional: true },
    tags: { type: 'UTF8', repeated: true },
    when: { type: 'TIMESTAMP_MILLIS', optional: true },
    whenus: { type: 'TIMESTAMP_MICROS', optional: true },
    day: { type: 'DATE', optional: true },
    t: { type: 'TIME_MILLIS', optional: true },
    u8: { type: 'UINT_8' },
    i16: { type: 'INT_16' },
    u64: { type: 'UINT_64', optional: true },
    f: { type: 'FLOAT' },
    d: { type: 'DOUBLE', compression: 'GZIP' },
    blob: { type: 'BYTE_ARRAY', optional: true },
    stock: { repeated: true, fields: { qty: { type: 'INT64', repeated: true }, wh: { type: 'UTF8' } } },
    addr: { optional: true, fields: { city: { type: 'UTF8' }, zip: { type: 'INT32', optional: true } } },
  });
  const rows = Array.from({ length: rowCount }, (_, i) => ({
    id: i, name: r.word(), opt: r.maybe(0.2, () => r.int(1e6) - 5e5), coded: r.maybe(0.2, () => r.int(4000)), flag: r.maybe(0.2, () => r.next() < 0.5),
    tags: Array.from({ length: r.int(4) }, r.word),
    when: r.maybe(0.2, () => new Date(r.int(2e12))), whenus: r.maybe(0.2, () => BigInt(r.int(2e12)) * 1000n + BigInt(r.int(1000))),
    day: r.maybe(0.2, () => new Date(r.int(20000) * 86400000)), t: r.maybe(0.2, () => r.int(86400000)),
    u8: r.int(256), i16: r.int(65536) - 32768, u64: r.maybe(0.2, () => BigInt(r.int(2 ** 31)) * BigInt(r.int(2 ** 32))),
    f: Math.fround(r.next() * 10 - 5), d: r.next() * 1e6, blob: r.maybe(0.2, () => Buffer.from(Array.from({ length: r.int(7) }, () => r.int(256)))),
    stock: Array.from({ length: r.int(3) }, () => ({ qty: Array.from({ length: r.int(3) }, () => r.int(100)), wh: r.word() })),
    addr: r.maybe(0.3, () => (r.next() < 0.5 ? { city: r.word(), zip: r.int(99999) } : { city: r.word() })),
  }));
  // parquetjs leaves a null field out of the row object; dates are days since the epoch, timestamps milliseconds.
  fs.writeFileSync(path.join(out, 'parquetjs.expected.jsonl'), toJsonLines(rows.map(row => ({
    ...row, when: row.when?.getTime() ?? null, day: row.day ? row.day.getTime() / 86400000 : null,
    addr: row.addr ? { city: row.addr.city, zip: row.addr.zip ?? null } : null,
  }))));
  const files = [
    ['v1-small-pages', { useDataPageV2: false, pageSize: 100, rowGroupSize: 150 }, 'PLAIN'],
    ['v2-small-pages', { useDataPageV2: true, pageSize: 77, rowGroupSize: 250 }, 'PLAIN'],
    // parquetjs's RLE for INT32 values, which the format defines for booleans and levels only.
    ['v1-rle-integers', { useDataPageV2: false }, 'RLE'],
  ];
  for (const [name, options, integerEncoding] of files) {
    const writer = await parquet.ParquetWriter.openFile(new parquet.ParquetSchema(fields(integerEncoding)), path.join(out, `${name}.parquet`), options);
    for (const row of rows) await writer.appendRow(row);
    await writer.close();
  }
})();
