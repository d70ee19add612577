// The runtime's internal folders, each its own namespace (docs/architecture.md says what each may use).
global using Alimentar.Arrow;
global using Alimentar.Binding;
global using Alimentar.Errors;
global using Alimentar.Inspection;
global using Alimentar.Parquet;
global using Alimentar.Parquet.Filtering;
global using Alimentar.Parquet.Format;
global using Alimentar.Parquet.Reading;
global using Alimentar.Parquet.Reading.Codecs;
global using Alimentar.Parquet.Reading.Encodings;
global using Alimentar.Parquet.Values;
global using Alimentar.Parquet.Writing;
global using Alimentar.Sources;
global using Alimentar.Storage;
global using Alimentar.Streaming;
