// Files written by Polars (its own Rust writer, through nodejs-polars): categoricals, lists, structs, lists of structs.
const pl = require('nodejs-polars');
const fs = require('fs');
const path = require('path');
(async () => {
  const { random, toJsonLines } = await import('./common.mjs');
  const out = path.join(__dirname, '..', 'polars');
  fs.mkdirSync(out, { recursive: true });
  const r = random(777);
  const N = +(process.env.ROWS ?? 400);
  const rows = Array.from({ length: N }, (_, i) => ({
    id: i,
    big: r.maybe(0.1, () => r.int(2 ** 31) * 1000 - 1e12),
    f: r.maybe(0.1, () => r.next() * 1000 - 500),
    s: r.maybe(0.1, r.word),
    b: r.maybe(0.1, () => r.next() < 0.5),
    cat: ['red', 'green', 'blue'][r.int(3)],
    day: r.maybe(0.1, () => new Date(Date.UTC(2000 + r.int(30), r.int(12), 1 + r.int(28)))),
    ts: r.maybe(0.1, () => new Date(r.int(2e12))),
    tags: r.maybe(0.2, () => Array.from({ length: r.int(4) }, () => r.maybe(0.2, r.word))),
    nums: r.maybe(0.1, () => Array.from({ length: r.int(5) }, () => r.int(1000))),
    pt: r.maybe(0.2, () => ({ x: r.int(100), label: r.maybe(0.3, r.word) })),
    pts: r.maybe(0.2, () => Array.from({ length: 1 + r.int(3) }, () => ({ x: r.int(100), label: r.maybe(0.3, r.word) }))),
  }));
  fs.writeFileSync(path.join(out, 'polars.expected.jsonl'), toJsonLines(rows.map(row => ({ ...row, day: row.day ? row.day.getTime() / 86400000 : null, ts: row.ts?.getTime() ?? null }))));
  const base = pl.DataFrame({
    id: pl.Series('id', rows.map(x => x.id), pl.Int64),
    big: pl.Series('big', rows.map(x => x.big), pl.Int64),
    f: pl.Series('f', rows.map(x => x.f), pl.Float64),
    s: pl.Series('s', rows.map(x => x.s), pl.Utf8),
    b: pl.Series('b', rows.map(x => x.b), pl.Bool),
    cat: pl.Series('cat', rows.map(x => x.cat), pl.Categorical),
    day: pl.Series('day', rows.map(x => x.day), pl.Date),
    ts: pl.Series('ts', rows.map(x => x.ts), pl.Datetime('ms')),
    tags: pl.Series('tags', rows.map(x => x.tags), pl.List(pl.Utf8)),
    nums: pl.Series('nums', rows.map(x => x.nums), pl.List(pl.Int32)),
  });
  const pt = pl.DataFrame({ x: pl.Series('x', rows.map(x => x.pt?.x ?? null), pl.Int64), label: pl.Series('label', rows.map(x => x.pt?.label ?? null), pl.Utf8) }).toStruct('pt');
  const ptNull = pl.Series('ptnull', rows.map(x => x.pt === null), pl.Bool);
  let df = base.withColumns(pt, ptNull).withColumns(pl.when(pl.col('ptnull')).then(pl.lit(null)).otherwise(pl.col('pt')).alias('pt')).drop('ptnull');
  // nodejs-polars builds no list of structs from JS values: group the elements by row instead (lists are never empty).
  const elements = rows.flatMap((x, row) => (x.pts ?? []).map(e => ({ row, x: e.x, label: e.label })));
  const flat = pl.DataFrame({ row: pl.Series('row', elements.map(e => e.row), pl.Int64), x: pl.Series('x', elements.map(e => e.x), pl.Int64), label: pl.Series('label', elements.map(e => e.label), pl.Utf8) });
  const grouped = flat.select(pl.col('row'), pl.struct([pl.col('x'), pl.col('label')]).alias('pts')).groupBy('row').agg(pl.col('pts'));
  df = df.join(grouped, { leftOn: 'id', rightOn: 'row', how: 'left' }).sort('id');
  for (const [name, options] of [['zstd', { compression: 'zstd' }], ['snappy-small-groups', { compression: 'snappy', rowGroupSize: 64 }], ['lz4', { compression: 'lz4' }], ['uncompressed', { compression: 'uncompressed' }]]) {
    df.writeParquet(path.join(out, `${name}.parquet`), options);
  }
})();
