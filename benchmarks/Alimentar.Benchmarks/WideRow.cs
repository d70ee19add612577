namespace Alimentar.Benchmarks;

/// <summary>A wide numeric row: 100 DOUBLE columns, as feature tables are.</summary>
[StreamingDataset]
public partial record WideRow(
    double C00, double C01, double C02, double C03, double C04, double C05, double C06, double C07, double C08, double C09,
    double C10, double C11, double C12, double C13, double C14, double C15, double C16, double C17, double C18, double C19,
    double C20, double C21, double C22, double C23, double C24, double C25, double C26, double C27, double C28, double C29,
    double C30, double C31, double C32, double C33, double C34, double C35, double C36, double C37, double C38, double C39,
    double C40, double C41, double C42, double C43, double C44, double C45, double C46, double C47, double C48, double C49,
    double C50, double C51, double C52, double C53, double C54, double C55, double C56, double C57, double C58, double C59,
    double C60, double C61, double C62, double C63, double C64, double C65, double C66, double C67, double C68, double C69,
    double C70, double C71, double C72, double C73, double C74, double C75, double C76, double C77, double C78, double C79,
    double C80, double C81, double C82, double C83, double C84, double C85, double C86, double C87, double C88, double C89,
    double C90, double C91, double C92, double C93, double C94, double C95, double C96, double C97, double C98, double C99);

/// <summary>Reads every column of a batch of <see cref="WideRow"/>, through the typed accessors.</summary>
public static class WideRowColumns
{
    public static double SumAll(Batch<WideRow> batch)
    {
        double sum = 0;
        sum += Sum(batch.C00);
        sum += Sum(batch.C01);
        sum += Sum(batch.C02);
        sum += Sum(batch.C03);
        sum += Sum(batch.C04);
        sum += Sum(batch.C05);
        sum += Sum(batch.C06);
        sum += Sum(batch.C07);
        sum += Sum(batch.C08);
        sum += Sum(batch.C09);
        sum += Sum(batch.C10);
        sum += Sum(batch.C11);
        sum += Sum(batch.C12);
        sum += Sum(batch.C13);
        sum += Sum(batch.C14);
        sum += Sum(batch.C15);
        sum += Sum(batch.C16);
        sum += Sum(batch.C17);
        sum += Sum(batch.C18);
        sum += Sum(batch.C19);
        sum += Sum(batch.C20);
        sum += Sum(batch.C21);
        sum += Sum(batch.C22);
        sum += Sum(batch.C23);
        sum += Sum(batch.C24);
        sum += Sum(batch.C25);
        sum += Sum(batch.C26);
        sum += Sum(batch.C27);
        sum += Sum(batch.C28);
        sum += Sum(batch.C29);
        sum += Sum(batch.C30);
        sum += Sum(batch.C31);
        sum += Sum(batch.C32);
        sum += Sum(batch.C33);
        sum += Sum(batch.C34);
        sum += Sum(batch.C35);
        sum += Sum(batch.C36);
        sum += Sum(batch.C37);
        sum += Sum(batch.C38);
        sum += Sum(batch.C39);
        sum += Sum(batch.C40);
        sum += Sum(batch.C41);
        sum += Sum(batch.C42);
        sum += Sum(batch.C43);
        sum += Sum(batch.C44);
        sum += Sum(batch.C45);
        sum += Sum(batch.C46);
        sum += Sum(batch.C47);
        sum += Sum(batch.C48);
        sum += Sum(batch.C49);
        sum += Sum(batch.C50);
        sum += Sum(batch.C51);
        sum += Sum(batch.C52);
        sum += Sum(batch.C53);
        sum += Sum(batch.C54);
        sum += Sum(batch.C55);
        sum += Sum(batch.C56);
        sum += Sum(batch.C57);
        sum += Sum(batch.C58);
        sum += Sum(batch.C59);
        sum += Sum(batch.C60);
        sum += Sum(batch.C61);
        sum += Sum(batch.C62);
        sum += Sum(batch.C63);
        sum += Sum(batch.C64);
        sum += Sum(batch.C65);
        sum += Sum(batch.C66);
        sum += Sum(batch.C67);
        sum += Sum(batch.C68);
        sum += Sum(batch.C69);
        sum += Sum(batch.C70);
        sum += Sum(batch.C71);
        sum += Sum(batch.C72);
        sum += Sum(batch.C73);
        sum += Sum(batch.C74);
        sum += Sum(batch.C75);
        sum += Sum(batch.C76);
        sum += Sum(batch.C77);
        sum += Sum(batch.C78);
        sum += Sum(batch.C79);
        sum += Sum(batch.C80);
        sum += Sum(batch.C81);
        sum += Sum(batch.C82);
        sum += Sum(batch.C83);
        sum += Sum(batch.C84);
        sum += Sum(batch.C85);
        sum += Sum(batch.C86);
        sum += Sum(batch.C87);
        sum += Sum(batch.C88);
        sum += Sum(batch.C89);
        sum += Sum(batch.C90);
        sum += Sum(batch.C91);
        sum += Sum(batch.C92);
        sum += Sum(batch.C93);
        sum += Sum(batch.C94);
        sum += Sum(batch.C95);
        sum += Sum(batch.C96);
        sum += Sum(batch.C97);
        sum += Sum(batch.C98);
        sum += Sum(batch.C99);
        return sum;
    }

    /// <summary>The sum of one column's values.</summary>
    public static double Sum(ReadOnlySpan<double> column)
    {
        double sum = 0;
        foreach (double value in column)
        {
            sum += value;
        }

        return sum;
    }
}

/// <summary>Reads every member of one <see cref="WideRow"/>, as a row-by-row reader reads every field.</summary>
public static class WideRowValues
{
    public static double SumAll(WideRow row) =>
        row.C00 + row.C01 + row.C02 + row.C03 + row.C04 + row.C05 + row.C06 + row.C07 + row.C08 + row.C09
        + row.C10 + row.C11 + row.C12 + row.C13 + row.C14 + row.C15 + row.C16 + row.C17 + row.C18 + row.C19
        + row.C20 + row.C21 + row.C22 + row.C23 + row.C24 + row.C25 + row.C26 + row.C27 + row.C28 + row.C29
        + row.C30 + row.C31 + row.C32 + row.C33 + row.C34 + row.C35 + row.C36 + row.C37 + row.C38 + row.C39
        + row.C40 + row.C41 + row.C42 + row.C43 + row.C44 + row.C45 + row.C46 + row.C47 + row.C48 + row.C49
        + row.C50 + row.C51 + row.C52 + row.C53 + row.C54 + row.C55 + row.C56 + row.C57 + row.C58 + row.C59
        + row.C60 + row.C61 + row.C62 + row.C63 + row.C64 + row.C65 + row.C66 + row.C67 + row.C68 + row.C69
        + row.C70 + row.C71 + row.C72 + row.C73 + row.C74 + row.C75 + row.C76 + row.C77 + row.C78 + row.C79
        + row.C80 + row.C81 + row.C82 + row.C83 + row.C84 + row.C85 + row.C86 + row.C87 + row.C88 + row.C89
        + row.C90 + row.C91 + row.C92 + row.C93 + row.C94 + row.C95 + row.C96 + row.C97 + row.C98 + row.C99;
}
