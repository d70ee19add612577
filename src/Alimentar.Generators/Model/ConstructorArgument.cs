namespace Alimentar.Generators.Model
{
    /// <summary>
    /// What a constructor parameter that no column binds receives, in place of a column index in
    /// <see cref="RowSpec.ConstructorArguments"/> and <see cref="GroupSpec.ConstructorArguments"/>.
    /// </summary>
    internal static class ConstructorArgument
    {
        /// <summary>The parameter declares a default value and is left to it (the call then names its arguments).</summary>
        public const int LeftToItsDefault = -1;

        /// <summary>The parameter is a <c>[ParquetIgnore]</c> member's, with no default declared: it receives <c>default</c>.</summary>
        public const int IgnoredMember = -2;
    }
}
