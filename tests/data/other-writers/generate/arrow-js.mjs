// Arrow IPC streams written by Arrow JS, for layouts Apache Arrow's C# writer cannot make.
// delta-dictionary.arrows: Arrow JS writes a dictionary that grows between record batches as a delta, a dictionary
// batch that extends the one before it. Its rows, (id, category): (1, red), (2, green), then (3, blue), (4, red), (5, blue).
import * as arrow from 'apache-arrow';
import fs from 'fs';

const out = new URL('../arrow-js/', import.meta.url);
fs.mkdirSync(out, { recursive: true });
const { makeData, Vector, Dictionary, Utf8, Int32, Int64, Field, Schema, RecordBatch, RecordBatchStreamWriter, Struct } = arrow;

const first = arrow.vectorFromArray(['red', 'green'], new Utf8()).data[0];
const more = arrow.vectorFromArray(['blue'], new Utf8()).data[0];
const category = new Dictionary(new Utf8(), new Int32(), 0, false);
const schema = new Schema([new Field('id', new Int64(), false), new Field('category', category, true)]);

// The second batch's dictionary shares its first chunk with the first batch's, so the writer sends only the new chunk.
function batch(ids, keys, dictionaryChunks) {
  const id = makeData({ type: new Int64(), length: ids.length, data: BigInt64Array.from(ids.map(BigInt)) });
  const keyed = makeData({ type: category, length: keys.length, data: Int32Array.from(keys), dictionary: new Vector(dictionaryChunks) });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: ids.length, children: [id, keyed] }));
}

const writer = new RecordBatchStreamWriter();
writer.write(batch([1, 2], [0, 1], [first]));
writer.write(batch([3, 4, 5], [2, 0, 2], [first, more]));
writer.finish();
fs.writeFileSync(new URL('delta-dictionary.arrows', out), writer.toUint8Array(true));
