// The runtime's own folders beyond those RuntimeInternals.props imports for every project that sees its internals.
global using Alimentar.Errors;
global using Alimentar.Parquet;
global using Alimentar.Parquet.Reading.Codecs;
global using Alimentar.Parquet.Writing;
global using Alimentar.Sources;
global using Alimentar.Streaming;
