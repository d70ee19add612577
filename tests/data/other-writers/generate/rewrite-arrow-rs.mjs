// Rewrites a Parquet file with arrow-rs (the Rust `parquet` crate, through parquet-wasm): read by its reader into Arrow,
// written by its writer with settings drawn from a seed (page version, codecs, dictionaries and their fallback, page and
// row group sizes, and an encoding for each leaf that its type allows). The random shape tests use it, when
// ALIMENTAR_RANDOM_SHAPES_REWRITER names it, to read every shape as the Rust writer lays it out.
//
//   node rewrite-arrow-rs.mjs <in.parquet> <out.parquet> <seed>
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm/node';
import fs from 'fs';
import { random } from './common.mjs';

const [input, output, seedText] = process.argv.slice(2);
const r = random(Number(seedText) * 7919 + 17);
const pick = (items) => items[r.int(items.length)];
const E = pw.Encoding;
const C = pw.Compression;
const T = arrow.Type;

// The leaves of the Arrow schema, each by the path arrow-rs names its Parquet column with, and its Arrow type.
function leaves(field, path, out) {
  const type = field.type ?? field.dataType;
  const id = type.typeId;
  const name = [...path, field.name];
  const children = type.children ?? [];
  if (id === T.Struct) {
    children.forEach(child => leaves(child, name, out));
  } else if (id === T.List || id === T.FixedSizeList || id === T.LargeList) {
    leaves(children[0], [...name, 'list'], out);
  } else if (id === T.Map) {
    // arrow-rs keeps the entries' name the file had (key_value, as most writers name it); Arrow JS shows it as 'entries'.
    (children[0].type.children ?? []).forEach(child => leaves(child, [...name, 'key_value'], out));
  } else {
    out.push({ path: name.join('.'), id, type });
  }
}

function encodingsOf(leaf) {
  switch (leaf.id) {
    case T.Int:
    case T.Date:
    case T.Time:
    case T.Timestamp:
      return [E.PLAIN, E.DELTA_BINARY_PACKED, E.BYTE_STREAM_SPLIT];
    case T.Float:
      return [E.PLAIN, E.BYTE_STREAM_SPLIT];
    case T.Utf8:
    case T.Binary:
    case T.LargeUtf8:
    case T.LargeBinary:
      return [E.PLAIN, E.DELTA_LENGTH_BYTE_ARRAY, E.DELTA_BYTE_ARRAY];
    case T.FixedSizeBinary:
      return [E.PLAIN, E.BYTE_STREAM_SPLIT, E.DELTA_BYTE_ARRAY];
    case T.Bool:
      return [E.PLAIN, E.RLE];
    default:
      return [E.PLAIN];
  }
}

const bytes = new Uint8Array(fs.readFileSync(input));
const table = pw.readParquet(bytes);
const ipc = table.intoIPCStream();
const columns = [];
arrow.tableFromIPC(ipc).schema.fields.forEach(field => leaves(field, [], columns));

let builder = new pw.WriterPropertiesBuilder()
  .setWriterVersion(r.next() < 0.5 ? pw.WriterVersion.V1 : pw.WriterVersion.V2)
  .setCompression(pick([C.UNCOMPRESSED, C.SNAPPY, C.GZIP, C.BROTLI, C.ZSTD, C.LZ4_RAW]))
  .setDictionaryEnabled(r.next() < 0.5)
  // A small limit makes a chunk fall back from dictionary to its plain or delta encoding part way through.
  .setDictionaryPageSizeLimit(pick([64, 1024, 1 << 20]))
  .setStatisticsEnabled(pick([pw.EnabledStatistics.None, pw.EnabledStatistics.Chunk, pw.EnabledStatistics.Page]))
  .setDataPageSizeLimit(pick([64, 512, 4096, 1 << 20]))
  .setWriteBatchSize(pick([7, 64, 1024]))
  .setMaxRowGroupSize(pick([25, 100, 1000, 1 << 20]));
for (const column of columns) {
  if (r.next() < 0.3) builder = builder.setColumnDictionaryEnabled(column.path, r.next() < 0.5);
  if (r.next() < 0.3) builder = builder.setColumnCompression(column.path, pick([C.UNCOMPRESSED, C.SNAPPY, C.ZSTD, C.LZ4_RAW]));
  const encoding = pick(encodingsOf(column));
  if (encoding !== E.PLAIN) builder = builder.setColumnEncoding(column.path, encoding);
}

fs.writeFileSync(output, pw.writeParquet(pw.Table.fromIPCStream(ipc), builder.build()));
console.log(columns.map(c => c.path).join(' '));
