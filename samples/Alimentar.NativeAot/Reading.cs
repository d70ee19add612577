namespace Alimentar.NativeAot;

/// <summary>A sensor reading: the row type this NativeAOT sample writes and streams.</summary>
[StreamingDataset]
public partial record Reading(long Id, string Sensor, double? Celsius, DateTime TakenAt, int[] Flags);
