namespace Alimentar.IntegrationTests;

[StreamingDataset]
public partial record DeltaCustomer(
    long? CCustomerSk, long? CCurrentCdemoSk, long? CCurrentHdemoSk, long? CCurrentAddrSk, long? CFirstShiptoDateSk,
    long? CFirstSalesDateSk, long? CBirthDay, long? CBirthMonth, long? CBirthYear, string? CCustomerId, string? CSalutation,
    string? CFirstName, string? CLastName, string? CPreferredCustFlag, string? CBirthCountry, string? CEmailAddress, string? CLastReviewDate);

[StreamingDataset]
public partial record DeltaStrings(
    string? CCustomerId, string? CSalutation, string? CFirstName, string? CLastName, string? CPreferredCustFlag,
    string? CBirthCountry, string? CLogin, string? CEmailAddress, string? CLastReviewDate);

/// <summary>Four of delta_binary_packed's 66 columns: only these are read.</summary>
[StreamingDataset]
public partial record DeltaPackedProjection(long Bitwidth0, long Bitwidth1, long Bitwidth33, long Bitwidth64, int IntValue);

[StreamingDataset]
public partial record ListColumns(long?[]? Int64List, List<string?>? Utf8List);

[StreamingDataset]
public partial record DecimalValue(decimal Value);

[StreamingDataset]
public partial record DecimalAsDouble(double Value);

[StreamingDataset]
public partial record GzipMembers(ulong LongCol);

[StreamingDataset]
public partial record SingleNan(double? Mycol);

[StreamingDataset]
public partial record BinaryFoo(byte[] Foo);

[StreamingDataset]
public partial record TwoInts(int A, int B);
