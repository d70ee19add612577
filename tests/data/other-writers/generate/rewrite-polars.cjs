// Rewrites a Parquet file with Polars (its own Rust reader and writer, not arrow-rs's): read into a DataFrame, written
// lazily with settings drawn from a seed (codec and level, row group size, page size, statistics). The random shape
// tests use it, when ALIMENTAR_RANDOM_SHAPES_REWRITER names it, to read every shape as Polars lays it out; set
// ALIMENTAR_RANDOM_SHAPES_WITHOUT=MAP,JSON with it, since Polars has neither type (it writes a map as a list of
// key-value records and JSON as bytes).
//
//   node rewrite-polars.cjs <in.parquet> <out.parquet> <seed>
const pl = require('nodejs-polars');

(async () => {
  const { random } = await import('./common.mjs');
  const [input, output, seedText] = process.argv.slice(2);
  const r = random(Number(seedText) * 104729 + 7);
  const pick = (items) => items[r.int(items.length)];
  const compression = pick(['uncompressed', 'snappy', 'gzip', 'brotli', 'lz4', 'zstd']);
  const options = {
    compression,
    rowGroupSize: pick([7, 50, 300, 1 << 20]),
    dataPagesizeLimit: pick([64, 1024, 1 << 20]),
    statistics: pick([true, false, 'full']),
  };
  if (compression === 'zstd' || compression === 'gzip') options.compressionLevel = pick([1, 3, 9]);
  await pl.readParquet(input).lazy().sinkParquet(output, options).collect();
  console.log(JSON.stringify(options));
})().catch(error => { console.error(error); process.exit(1); });
