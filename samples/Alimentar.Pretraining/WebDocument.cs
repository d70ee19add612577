namespace Alimentar.Pretraining;

/// <summary>A crawled web page, shaped like a FineWeb row.</summary>
[StreamingDataset]
public partial record WebDocument(long Id, string Url, string Text, DateTime CrawledAt, float LanguageScore);
