// Files written by arrow-rs (the Rust `parquet` crate, through parquet-wasm) from Arrow tables built with Arrow JS.
// Each family's rows go to <family>.expected.jsonl from the generator's own values, not from any reader.
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm/node';
import fs from 'fs';
import { random, toJsonLines, rowCount } from './common.mjs';

const out = new URL('../arrow-rs/', import.meta.url);
fs.mkdirSync(out, { recursive: true });
const { Field, Struct, List, LargeList, FixedSizeList, Map_, Int32, Int64, Float32, Float64, Utf8, LargeUtf8, Binary, Bool } = arrow;
const field = (name, type, nullable = true) => new Field(name, type, nullable);
const E = pw.Encoding;
const withEncodings = (builder, encodings) => Object.entries(encodings).reduce((b, [column, encoding]) => b.setColumnEncoding(column, encoding), builder);

function write(family, rows, types, settings, expected = rows) {
  const vectors = {};
  for (const [name, type] of Object.entries(types)) vectors[name] = arrow.vectorFromArray(rows.map(r => r[name]), type);
  const ipc = arrow.tableToIPC(new arrow.Table(vectors), 'stream');
  fs.writeFileSync(new URL(`${family}.expected.jsonl`, out), toJsonLines(expected));
  for (const [name, configure] of Object.entries(settings)) {
    const properties = configure(new pw.WriterPropertiesBuilder()).build();
    fs.writeFileSync(new URL(`${family}-${name}.parquet`, out), pw.writeParquet(pw.Table.fromIPCStream(ipc), properties));
  }
}

// Lists, lists of structs, maps, lists of lists, structs and lists of binary, at one or two levels.
{
  const r = random(12345);
  const rows = Array.from({ length: rowCount }, (_, i) => ({
    id: BigInt(i),
    ints: r.maybe(0.1, () => Array.from({ length: r.int(5) }, () => r.maybe(0.2, () => r.int(2000) - 1000))),
    strs: r.maybe(0.1, () => Array.from({ length: r.int(4) }, () => r.maybe(0.2, r.word))),
    points: r.maybe(0.15, () => Array.from({ length: r.int(4) }, () => r.maybe(0.1, () => ({ x: r.next() * 100, y: r.maybe(0.3, r.next), tag: r.maybe(0.5, r.word) })))),
    attrs: r.maybe(0.2, () => new Map(Array.from({ length: r.int(4) }, (_, j) => ['k' + j + '-' + r.int(9), r.maybe(0.25, () => BigInt(r.int(1e6)) - 500000n)]))),
    matrix: r.maybe(0.1, () => Array.from({ length: r.int(4) }, () => r.maybe(0.2, () => Array.from({ length: r.int(4) }, () => r.int(100))))),
    pt: r.maybe(0.3, () => ({ a: r.int(50), b: r.maybe(0.3, r.word) })),
    blobs: r.maybe(0.2, () => Array.from({ length: r.int(3) }, () => r.maybe(0.2, () => new Uint8Array(Array.from({ length: r.int(6) }, () => r.int(256)))))),
    flag: r.maybe(0.1, () => r.next() < 0.5),
  }));
  write('nested', rows, {
    id: new Int64(),
    ints: new List(field('item', new Int32())),
    strs: new List(field('item', new Utf8())),
    points: new List(field('item', new Struct([field('x', new Float64(), false), field('y', new Float64()), field('tag', new Utf8())]))),
    attrs: new Map_(field('entries', new Struct([field('key', new Utf8(), false), field('value', new Int64())]), false)),
    matrix: new List(field('item', new List(field('item', new Int32())))),
    pt: new Struct([field('a', new Int32(), false), field('b', new Utf8())]),
    blobs: new List(field('item', new Binary())),
    flag: new Bool(),
  }, {
    'v1-snappy': b => b.setCompression(pw.Compression.SNAPPY),
    'v2-plain-small-pages': b => b.setWriterVersion(pw.WriterVersion.V2).setDictionaryEnabled(false).setDataPageSizeLimit(512).setWriteBatchSize(37).setMaxRowGroupSize(150),
    'v2-gzip-brotli': b => b.setWriterVersion(pw.WriterVersion.V2).setCompression(pw.Compression.GZIP).setColumnCompression('flag', pw.Compression.BROTLI).setDataPageSizeLimit(2000),
  });
}

// Every flat type Arrow JS builds, in every encoding arrow-rs offers for it.
{
  const r = random(777);
  const T = arrow;
  const generators = {
    i8: [new T.Int8(), () => r.int(256) - 128],
    i16: [new T.Int16(), () => r.int(65536) - 32768],
    i32: [new T.Int32(), () => r.int(2 ** 31) * (r.next() < 0.5 ? -1 : 1)],
    i64: [new T.Int64(), () => BigInt(r.int(2 ** 31)) * BigInt(r.int(2 ** 31)) * (r.next() < 0.5 ? -1n : 1n)],
    u8: [new T.Uint8(), () => r.int(256)],
    u16: [new T.Uint16(), () => r.int(65536)],
    u32: [new T.Uint32(), () => r.int(2 ** 32)],
    u64: [new T.Uint64(), () => BigInt(r.int(2 ** 32)) * BigInt(r.int(2 ** 32)) + BigInt(r.int(2 ** 32))],
    f32: [new T.Float32(), () => Math.fround((r.next() - 0.5) * 1e6)],
    f64: [new T.Float64(), () => (r.next() - 0.5) * 1e12],
    b: [new T.Bool(), () => r.next() < 0.5],
    s: [new T.Utf8(), r.word],
    ls: [new T.LargeUtf8(), r.word],
    bin: [new T.Binary(), () => new Uint8Array(Array.from({ length: r.int(9) }, () => r.int(256)))],
    fsb: [new T.FixedSizeBinary(16), () => new Uint8Array(Array.from({ length: 16 }, () => r.int(256)))],
    // Arrow JS takes dates, timestamps and 32-bit times in milliseconds, 64-bit times in their unit.
    d32: [new T.DateDay(), () => (r.int(40000) - 20000) * 86400000],
    tss: [new T.TimestampSecond(), () => (r.int(2e9) - 1e9) * 1000],
    tsms: [new T.TimestampMillisecond('UTC'), () => (r.int(2e9) - 1e9) * 1000 + r.int(1000)],
    tsus: [new T.TimestampMicrosecond(), () => (r.int(2e9) - 1e9) * 1000 + r.int(1000)],
    tsns: [new T.TimestampNanosecond('+01:00'), () => (r.int(2e9) - 1e9) * 1000 + r.int(1000)],
    t32: [new T.TimeMillisecond(), () => r.int(86400000)],
    t64: [new T.TimeMicrosecond(), () => BigInt(r.int(86400000)) * 1000n + BigInt(r.int(1000))],
    dict: [new T.Dictionary(new T.Utf8(), new T.Int32()), () => ['red', 'green', 'blue', 'ünïcode'][r.int(4)]],
  };
  const rows = Array.from({ length: rowCount }, (_, i) => {
    const row = { id: i };
    for (const [name, [, make]] of Object.entries(generators)) row[name] = r.maybe(0.15, make);
    return row;
  });
  const types = { id: new Int32(), ...Object.fromEntries(Object.entries(generators).map(([name, [type]]) => [name, type])) };
  const delta = { id: E.DELTA_BINARY_PACKED, i8: E.DELTA_BINARY_PACKED, i16: E.DELTA_BINARY_PACKED, i32: E.DELTA_BINARY_PACKED, i64: E.DELTA_BINARY_PACKED, u8: E.DELTA_BINARY_PACKED, u16: E.DELTA_BINARY_PACKED, u32: E.DELTA_BINARY_PACKED, u64: E.DELTA_BINARY_PACKED, s: E.DELTA_BYTE_ARRAY, ls: E.DELTA_LENGTH_BYTE_ARRAY, bin: E.DELTA_BYTE_ARRAY, fsb: E.DELTA_BYTE_ARRAY, d32: E.DELTA_BINARY_PACKED, tss: E.DELTA_BINARY_PACKED, tsms: E.DELTA_BINARY_PACKED, tsus: E.DELTA_BINARY_PACKED, tsns: E.DELTA_BINARY_PACKED, t32: E.DELTA_BINARY_PACKED, t64: E.DELTA_BINARY_PACKED };
  const split = { id: E.BYTE_STREAM_SPLIT, i16: E.BYTE_STREAM_SPLIT, i32: E.BYTE_STREAM_SPLIT, i64: E.BYTE_STREAM_SPLIT, u64: E.BYTE_STREAM_SPLIT, f32: E.BYTE_STREAM_SPLIT, f64: E.BYTE_STREAM_SPLIT, fsb: E.BYTE_STREAM_SPLIT, d32: E.BYTE_STREAM_SPLIT, tsns: E.BYTE_STREAM_SPLIT, t64: E.BYTE_STREAM_SPLIT };
  write('flat', rows, types, {
    'v1-snappy': b => b.setCompression(pw.Compression.SNAPPY),
    'v2-zstd-small-groups': b => b.setWriterVersion(pw.WriterVersion.V2).setCompression(pw.Compression.ZSTD).setMaxRowGroupSize(120),
    'v2-plain-small-pages': b => b.setWriterVersion(pw.WriterVersion.V2).setDictionaryEnabled(false).setDataPageSizeLimit(700).setWriteBatchSize(50),
    'v1-delta-lz4raw': b => withEncodings(b.setDictionaryEnabled(false).setCompression(pw.Compression.LZ4_RAW), delta),
    'v2-byte-stream-split-gzip': b => withEncodings(b.setWriterVersion(pw.WriterVersion.V2).setDictionaryEnabled(false).setCompression(pw.Compression.GZIP), split),
    'v1-rle-boolean-brotli': b => withEncodings(b.setDictionaryEnabled(false).setCompression(pw.Compression.BROTLI).setMaxRowGroupSize(99), { b: E.RLE }),
  });
}

// Deeper shapes: lists of maps of lists, maps of structs, structs in structs, large and fixed-size lists,
// FLOAT16 and decimals up to 38 digits (written as their unscaled integers).
{
  const r = random(2024);
  const rows = Array.from({ length: rowCount }, (_, i) => ({
    id: i,
    lm: r.maybe(0.1, () => Array.from({ length: r.int(3) }, () => r.maybe(0.2, () => new Map(Array.from({ length: r.int(3) }, (_, j) => ['k' + j, r.maybe(0.3, () => Array.from({ length: r.int(3) }, () => r.int(9)))]))))),
    ms: r.maybe(0.1, () => new Map(Array.from({ length: r.int(4) }, (_, j) => [j * 10 + r.int(10), r.maybe(0.2, () => ({ name: r.word(), score: r.maybe(0.3, r.next) }))]))),
    deep: r.maybe(0.1, () => ({ inner: r.maybe(0.2, () => ({ vals: r.maybe(0.2, () => Array.from({ length: r.int(4) }, () => r.maybe(0.2, () => r.int(1000)))), label: r.maybe(0.3, r.word) })), n: r.int(100) })),
    ll: r.maybe(0.1, () => Array.from({ length: r.int(4) }, () => r.maybe(0.2, r.word))),
    fsl: r.maybe(0.1, () => [r.next(), r.next(), r.next()].map(Math.fround)),
    h: r.maybe(0.1, () => [0.5, -2, 1024, 0.0999755859375, 65504, -0.000100016593933105469, 3.140625][r.int(7)]),
    d9: r.maybe(0.1, () => BigInt(r.int(2e9)) - 1000000000n),
    d38: r.maybe(0.1, () => BigInt(r.int(2 ** 31)) * BigInt(r.int(2 ** 31)) * BigInt(r.int(2 ** 31)) * BigInt(r.int(2 ** 31)) * (r.next() < 0.5 ? -1n : 1n)),
  }));
  const words = (v) => { const w = new Uint32Array(4); let x = BigInt.asUintN(128, v); for (let i = 0; i < 4; i++) { w[i] = Number(x & 0xffffffffn); x >>= 32n; } return w; };
  const stored = rows.map(row => ({ ...row, d9: row.d9 === null ? null : words(row.d9), d38: row.d38 === null ? null : words(row.d38) }));
  write('deep', stored, {
    id: new Int32(),
    lm: new List(field('item', new Map_(field('entries', new Struct([field('key', new Utf8(), false), field('value', new List(field('item', new Int32(), false)))]), false)))),
    ms: new Map_(field('entries', new Struct([field('key', new Int32(), false), field('value', new Struct([field('name', new Utf8(), false), field('score', new Float64())]))]), false)),
    deep: new Struct([field('inner', new Struct([field('vals', new List(field('item', new Int32()))), field('label', new Utf8())])), field('n', new Int32(), false)]),
    ll: new LargeList(field('item', new LargeUtf8())),
    fsl: new FixedSizeList(3, field('item', new Float32(), false)),
    h: new arrow.Float16(),
    d9: new arrow.Decimal(2, 9, 128),
    d38: new arrow.Decimal(10, 38, 128),
  }, {
    'v1-snappy': b => b.setCompression(pw.Compression.SNAPPY),
    'v2-plain-small-pages': b => b.setWriterVersion(pw.WriterVersion.V2).setDictionaryEnabled(false).setDataPageSizeLimit(300).setWriteBatchSize(17).setMaxRowGroupSize(133),
  }, rows);
}

// A dictionary that falls back to plain mid-chunk, a column of nulls only, durations, dictionary-encoded list items,
// and columns of Arrow's null type (INT32 annotated UNKNOWN), OPTIONAL and REQUIRED.
{
  const r = random(31337);
  const rows = Array.from({ length: rowCount }, (_, i) => ({
    id: i,
    nothing: null,
    required_nothing: null,
    allnull: null,
    dur: r.maybe(0.1, () => BigInt(r.int(1e9))),
    uniq: 'unique-value-' + i + '-' + 'x'.repeat(r.int(30)),
    ldict: r.maybe(0.1, () => Array.from({ length: r.int(4) }, () => r.maybe(0.2, () => ['a', 'bb', 'ccc'][r.int(3)]))),
  }));
  const types = {
    id: new Int32(),
    nothing: new arrow.Null(),
    required_nothing: new arrow.Null(),
    allnull: new Utf8(),
    dur: new arrow.Duration(arrow.TimeUnit.MILLISECOND),
    uniq: new Utf8(),
    ldict: new List(field('item', new arrow.Dictionary(new Utf8(), new Int32()))),
  };
  // arrow-rs writes a non-nullable null-typed field as a REQUIRED INT32 annotated UNKNOWN, a zero stored in every row.
  const schema = new arrow.Schema(Object.entries(types).map(([name, type]) => field(name, type, name !== 'id' && name !== 'required_nothing')));
  const data = arrow.makeData({
    type: new Struct(schema.fields), length: rows.length, nullCount: 0,
    children: Object.entries(types).map(([name, type]) => type instanceof arrow.Null
      ? arrow.makeData({ type, length: rows.length, nullCount: rows.length })
      : arrow.vectorFromArray(rows.map(row => row[name]), type).data[0]),
  });
  const ipc = arrow.tableToIPC(new arrow.Table([new arrow.RecordBatch(schema, data)]), 'stream');
  fs.writeFileSync(new URL('misc.expected.jsonl', out), toJsonLines(rows));
  for (const [name, configure] of Object.entries({
    'dictionary-fallback': b => b.setDictionaryPageSizeLimit(2000).setDataPageSizeLimit(1000),
    'v2-small-groups': b => b.setWriterVersion(pw.WriterVersion.V2).setDictionaryPageSizeLimit(1000).setMaxRowGroupSize(128),
  })) {
    fs.writeFileSync(new URL(`misc-${name}.parquet`, out), pw.writeParquet(pw.Table.fromIPCStream(ipc), configure(new pw.WriterPropertiesBuilder()).build()));
  }
}

// No rows at all.
{
  const empty = new arrow.Table({ id: arrow.vectorFromArray([], new Int32()), s: arrow.vectorFromArray([], new Utf8()), l: arrow.vectorFromArray([], new List(field('item', new Int32()))) });
  fs.writeFileSync(new URL('empty.parquet', out), pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(empty, 'stream')), new pw.WriterPropertiesBuilder().build()));
}
