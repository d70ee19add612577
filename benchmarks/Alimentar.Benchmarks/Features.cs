namespace Alimentar.Benchmarks;

/// <summary>A wide numeric row, typical of ML features: 32 float columns.</summary>
[StreamingDataset]
public partial record Features(
    float F00, float F01, float F02, float F03, float F04, float F05, float F06, float F07,
    float F08, float F09, float F10, float F11, float F12, float F13, float F14, float F15,
    float F16, float F17, float F18, float F19, float F20, float F21, float F22, float F23,
    float F24, float F25, float F26, float F27, float F28, float F29, float F30, float F31);
