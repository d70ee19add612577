// This project reaches into the runtime's internals (InternalsVisibleTo); these are its folders' namespaces.
global using Alimentar.Arrow;
global using Alimentar.Binding;
global using Alimentar.Inspection;
global using Alimentar.Parquet.Filtering;
global using Alimentar.Parquet.Format;
global using Alimentar.Parquet.Reading;
global using Alimentar.Parquet.Reading.Encodings;
global using Alimentar.Parquet.Values;
global using Alimentar.Storage;
