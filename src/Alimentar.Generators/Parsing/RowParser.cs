using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Alimentar.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alimentar.Generators.Parsing
{
    /// <summary>Turns an annotated type symbol into a <see cref="RowSpec"/> and diagnostics.</summary>
    internal static class RowParser
    {
        private const int MaxDecimalPrecision = 38;

        /// <summary>How often a generic record may hold itself under other arguments (a pair of pairs of pairs…).</summary>
        private const int MaxGenericNesting = 8;

        private const int JsonIgnoreConditionAlways = 1;

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            string display = DisplayName(type);

            // The attribute on several parts of a partial type is the compiler's error (CS0579); the type is still
            // generated once, from the part the compiler lists first, not once per part under one file name.
            if (!IsFirstMarkedPart(type, syntax, cancellationToken))
            {
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(Enumerable.Empty<DiagnosticInfo>()));
            }

            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeNotPartial, syntax.Identifier.GetLocation(), display));
            }

            var containing = new List<ContainingTypeSpec>();
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                TypeDeclarationSyntax? outerSyntax = outer.DeclaringSyntaxReferences
                    .Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
                if (outerSyntax is null || !outerSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ContainingTypeNotPartial, outerSyntax?.Identifier.GetLocation() ?? syntax.Identifier.GetLocation(), outer.Name, display));
                }

                containing.Insert(0, new ContainingTypeSpec(outerSyntax is null ? "class" : Keyword(outerSyntax), outer.Name));
            }

            if (type.TypeParameters.Length > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.GenericType, syntax.Identifier.GetLocation(), display, "has type parameters"));
            }
            else if (GenericContainer(type) is { } generic)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.GenericType, syntax.Identifier.GetLocation(), display, $"is nested in the generic type '{generic.ToDisplayString()}'"));
            }

            if (type.IsAbstract && type.TypeKind != TypeKind.Interface || type.TypeKind == TypeKind.Interface)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.AbstractType, syntax.Identifier.GetLocation(), display, type.TypeKind == TypeKind.Interface ? "an interface" : "abstract"));
            }

            if (diagnostics.Count > 0)
            {
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
            }

            var warnings = new List<DiagnosticInfo>();
            var scope = new ParseScope(context.SemanticModel.Compilation, type);
            List<Member> members = CollectMembers(type, display, diagnostics, warnings, scope, nested: false, cancellationToken);
            if (members.Count == 0 && diagnostics.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoColumns, syntax.Identifier.GetLocation(), display));
            }

            ReportDuplicateNames(members, display, diagnostics);
            Construction? construction = diagnostics.Count == 0 ? BindConstruction(type, members, display, syntax.Identifier.GetLocation(), diagnostics, scope) : null;
            if (diagnostics.Count > 0 || construction is null)
            {
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
            }

            string storeName = StoreNameOf(type, scope.Known)!;
            var spec = new RowSpec(
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                Keyword(syntax),
                IsVisibleOutsideAssembly(type),
                new EquatableArray<ContainingTypeSpec>(containing),
                new EquatableArray<ColumnSpec>(members.Select(m => m.Column)),
                new EquatableArray<int>(construction.ConstructorArguments),
                new EquatableArray<int>(construction.InitializedColumns),
                storeName,
                HidesInheritedStore: BaseTypesFirst(type).Any(t => !SymbolEqualityComparer.Default.Equals(t, type) && (!t.GetMembers(storeName).IsEmpty || StoreNameOf(t, scope.Known) == storeName)),
                AccessorsVisible: IsVisibleOutsideType(type),
                ConstructorParameterNames: new EquatableArray<string>(construction.ParameterNames),
                DefaultedRequiredMembers: new EquatableArray<string>(construction.DefaultedRequiredMembers));
            return new ParseResult(spec, new EquatableArray<DiagnosticInfo>(warnings));
        }

        /// <param name="scope">The compilation's known attributes, and the records being parsed around this one: meeting one again is a cycle.</param>
        /// <param name="nested">Whether the type is a record inside a row, whose members may only be scalars and records for now.</param>
        private static List<Member> CollectMembers(INamedTypeSymbol type, string display, List<DiagnosticInfo> diagnostics, List<DiagnosticInfo> warnings, ParseScope scope, bool nested, CancellationToken cancellationToken)
        {
            var members = new List<Member>();
            bool tuple = IsTuple(type);
            foreach (INamedTypeSymbol declaring in BaseTypesFirst(type))
            {
                // A tuple's columns are its elements, by the names it gives them (Item1 where it gives none).
                IEnumerable<ISymbol> symbols = tuple ? type.TupleElements : declaring.GetMembers();
                foreach (ISymbol symbol in symbols)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Location location = symbol.Locations.FirstOrDefault() ?? Location.None;
                    bool candidate = IsCandidate(symbol, scope, out ITypeSymbol? memberType, out bool settable);
                    if (tuple)
                    {
                        (candidate, memberType, settable) = (true, ((IFieldSymbol)symbol).Type, true);
                    }

                    // Computed: no setter at all (one the row type cannot call still makes a column, which ALI0008 then names).
                    bool computed = candidate && symbol is IPropertySymbol { SetMethod: null } property && !IsAutoProperty(property) && !IsPositional(property);
                    if (!candidate || computed || IsIgnored(symbol, scope.Known))
                    {
                        // A computed property (an expression over other members) is derived data, not a column; an
                        // attribute naming a column on it, or on a member the generated code cannot reach, is a mistake.
                        if (SymbolEqualityComparer.Default.Equals(declaring, type) && !symbol.IsImplicitlyDeclared && !IsIgnored(symbol, scope.Known)
                            && scope.Known.Has(symbol, AttributeRole.Column))
                        {
                            warnings.Add(DiagnosticInfo.Create(Diagnostics.ColumnAttributeIgnored, location, symbol.Name, display,
                                computed ? "it is computed (it has no setter and no backing field)" : symbol.IsStatic ? "it is static" : "it is not public or internal"));
                        }

                        continue;
                    }

                    // A member redeclared in a derived type (override or new) is one column, the most derived one.
                    int redeclared = members.FindIndex(m => m.Symbol.Name == symbol.Name);

                    AttributeData[] attributes = MemberAttributes(symbol, type);
                    bool enumAsString = attributes.Any(a => scope.Known.RoleOf(a) == AttributeRole.EnumAsString);
                    bool reported = false;
                    ColumnTypeMapper.Mapping? mapping = ColumnTypeMapper.Map(memberType!, enumAsString)
                        ?? GroupMapping(memberType!, location, scope, diagnostics, warnings, cancellationToken, out reported);
                    if (mapping is null)
                    {
                        if (!reported)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedMemberType, location, symbol.Name, display, memberType!.ToDisplayString()));
                        }

                        continue;
                    }

                    // A char and an enum written as a name parse through helpers of the row's store, which a record has not.
                    if (nested && (mapping.IsChar || mapping.Enum is { AsString: true }))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedInRecord, location, symbol.Name, display, memberType!.ToDisplayString()));
                        continue;
                    }

                    string? explicitName = NameFrom(attributes, AttributeRole.Column, scope.Known) ?? NameFrom(attributes, AttributeRole.JsonPropertyName, scope.Known);
                    if (explicitName is not null && string.IsNullOrWhiteSpace(explicitName))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidColumnName, location, symbol.Name, display));
                        continue;
                    }

                    (int precision, int scale) = DecimalSettings(attributes, scope.Known);
                    if (mapping.ColumnType == ColumnKind.Decimal && (precision, scale) != (0, 0)
                        && (precision < 1 || precision > MaxDecimalPrecision || scale < 0 || scale > precision))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidDecimal, location, symbol.Name, display, precision.ToString(CultureInfo.InvariantCulture), scale.ToString(CultureInfo.InvariantCulture)));
                        continue;
                    }

                    // Asking a DateTimeOffset to be adjusted to UTC, as it always is, is no mistake: Parquet.Net's serializer
                    // types may say so.
                    bool? adjustedToUtc = TimestampSetting(attributes, scope.Known);
                    if (adjustedToUtc is { } adjusted && mapping.ColumnType != ColumnKind.DateTime && !(adjusted && mapping.ColumnType == ColumnKind.DateTimeOffset))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TimestampOnOtherType, location, symbol.Name, display, memberType!.ToDisplayString()));
                        continue;
                    }

                    var column = new ColumnSpec(
                        symbol.Name,
                        ReservedNames.TakenInStore(symbol.Name) ? symbol.Name + "Values" : symbol.Name,
                        ReservedNames.Batch.Contains(symbol.Name) ? symbol.Name + "Column" : symbol.Name,
                        explicitName ?? symbol.Name,
                        explicitName is not null,
                        mapping.ColumnType,
                        mapping.ElementType,
                        mapping.Storage,
                        mapping.IsNullable,
                        mapping.ElementSize,
                        Precision: mapping.ColumnType == ColumnKind.Decimal ? precision : 0,
                        Scale: mapping.ColumnType == ColumnKind.Decimal ? scale : 0,
                        mapping.Enum,
                        mapping.List,
                        mapping.IsChar,
                        mapping.Group,
                        mapping.BinaryType,
                        IsLocalTimestamp: adjustedToUtc == false);
                    var member = new Member(symbol, memberType!, settable, location, column, IsRequired(symbol));
                    if (redeclared >= 0)
                    {
                        members[redeclared] = member;
                    }
                    else
                    {
                        members.Add(member);
                    }
                }
            }

            return members;
        }

        /// <summary>
        /// A member that holds a record, class or struct (or a list of them): the type parsed like a row, its members
        /// by the same rules; null when the type is no such type, or with <paramref name="reported"/> set when it is
        /// one that cannot be bound (a cycle, a member it cannot hold, no way to construct it).
        /// </summary>
        private static ColumnTypeMapper.Mapping? GroupMapping(ITypeSymbol type, Location location, ParseScope scope, List<DiagnosticInfo> diagnostics, List<DiagnosticInfo> warnings, CancellationToken cancellationToken, out bool reported)
        {
            reported = false;
            if (MapContainer(type) is { } map)
            {
                return MapMapping((INamedTypeSymbol)type, map, location, scope, diagnostics, warnings, cancellationToken, out reported);
            }

            if (ColumnTypeMapper.ListElement(type, out ListContainer container) is { } element)
            {
                return ListMapping(type, element, container, location, scope, diagnostics, warnings, cancellationToken, out reported);
            }

            ITypeSymbol target = type;
            bool targetNullable = ColumnTypeMapper.AcceptsNull(target);
            if (target is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
            {
                target = wrapped.TypeArguments[0];
            }

            if (target is not INamedTypeSymbol named || !(IsRecordCandidate(named) || IsTuple(named)))
            {
                return null;
            }

            string recordDisplay = DisplayName(named);
            bool grows = GenericNestingGrows(named, scope);
            if (grows || !scope.Visiting.Add(named))
            {
                // A generic record that grows as it nests is named as declared (Node<T>), not as the ninth construction.
                string holder = grows ? DisplayName(named.OriginalDefinition) : recordDisplay;
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.RecursiveRecord, location, holder));
                reported = true;
                return null;
            }

            try
            {
                var found = new List<DiagnosticInfo>();
                List<Member> members = CollectMembers(named, recordDisplay, found, warnings, scope, nested: true, cancellationToken);
                if (members.Count == 0 && found.Count == 0)
                {
                    found.Add(DiagnosticInfo.Create(Diagnostics.NoColumns, location, recordDisplay));
                }

                ReportDuplicateNames(members, recordDisplay, found);
                Construction? construction = found.Count > 0 ? null
                    : IsTuple(named) ? new Construction([.. Enumerable.Range(0, members.Count)], [], [], [])
                    : BindConstruction(named, members, recordDisplay, location, found, scope);
                if (found.Count > 0 || construction is null)
                {
                    // A record from another assembly has no source to point at: its problems point at the member that holds it.
                    DiagnosticInfo holder = DiagnosticInfo.Create(Diagnostics.NoColumns, location);
                    diagnostics.AddRange(found.Select(d => string.IsNullOrEmpty(d.FilePath) ? d with { FilePath = holder.FilePath, Span = holder.Span, LineSpan = holder.LineSpan } : d));
                    reported = true;
                    return null;
                }

                // A generic record is named with its arguments' annotations (Pair<int, string?>), as its members read them.
                string typeName = AnnotatedTypeName.NonNull(named);
                var group = new GroupSpec(
                    typeName,
                    named.IsValueType,
                    new EquatableArray<ColumnSpec>(members.Select(m => m.Column)),
                    new EquatableArray<int>(construction.ConstructorArguments),
                    new EquatableArray<int>(construction.InitializedColumns),
                    new EquatableArray<string>(construction.ParameterNames),
                    new EquatableArray<string>(construction.DefaultedRequiredMembers),
                    IsTuple: IsTuple(named));
                return new ColumnTypeMapper.Mapping(ColumnKind.Group, typeName, ColumnStorage.Group, targetNullable, 8, Group: group);
            }
            finally
            {
                scope.Visiting.Remove(named);
            }
        }

        /// <summary>
        /// A list that holds records somewhere inside: of records, of maps, or of lists of those, at any depth. Lists
        /// of values alone are the type mapper's.
        /// </summary>
        private static ColumnTypeMapper.Mapping? ListMapping(ITypeSymbol type, ITypeSymbol element, ListContainer container, Location location, ParseScope scope, List<DiagnosticInfo> diagnostics, List<DiagnosticInfo> warnings, CancellationToken cancellationToken, out bool reported)
        {
            ColumnTypeMapper.Mapping? inner = GroupMapping(element, location, scope, diagnostics, warnings, cancellationToken, out reported);
            if (inner is { Group: { } group })
            {
                var list = new ListSpec(container, ColumnStorage.Group, group.TypeName, inner.IsNullable, Group: group);
                return new ColumnTypeMapper.Mapping(ColumnKind.Group, group.TypeName, ColumnStorage.List, ColumnTypeMapper.AcceptsNull(type), 0, List: list);
            }

            if (inner is { List: { Innermost.Group: not null } innerList })
            {
                var list = new ListSpec(container, ColumnStorage.List, innerList.TypeCode, inner.IsNullable, innerList);
                return new ColumnTypeMapper.Mapping(ColumnKind.Group, innerList.TypeCode, ColumnStorage.List, ColumnTypeMapper.AcceptsNull(type), 0, List: list);
            }

            return null;
        }

        /// <summary>The dictionary container of a map member's type (<c>Dictionary</c>, its read-only or mutable interface, or a sorted, read-only, immutable or frozen dictionary); null for any other.</summary>
        private static ListContainer? MapContainer(ITypeSymbol type) => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 2 } named
            ? named.OriginalDefinition.ToDisplayString() switch
            {
                "System.Collections.Generic.Dictionary<TKey, TValue>" => ListContainer.Dictionary,
                "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>" => ListContainer.ReadOnlyDictionary,
                "System.Collections.Generic.IDictionary<TKey, TValue>" => ListContainer.DictionaryInterface,
                "System.Collections.Generic.SortedDictionary<TKey, TValue>" => ListContainer.SortedDictionary,
                "System.Collections.ObjectModel.ReadOnlyDictionary<TKey, TValue>" => ListContainer.ReadOnlyDictionaryWrapper,
                "System.Collections.Immutable.ImmutableDictionary<TKey, TValue>" => ListContainer.ImmutableDictionary,
                "System.Collections.Immutable.IImmutableDictionary<TKey, TValue>" => ListContainer.ImmutableDictionaryInterface,
                "System.Collections.Frozen.FrozenDictionary<TKey, TValue>" => ListContainer.FrozenDictionary,
                _ => null,
            }
            : null;

        /// <summary>
        /// A map member: a list of key-value records (the Parquet MAP's <c>key</c> and <c>value</c> fields), read into a
        /// dictionary. Keys are non-null scalars; values are scalars, records, lists or maps.
        /// </summary>
        private static ColumnTypeMapper.Mapping? MapMapping(INamedTypeSymbol type, ListContainer container, Location location, ParseScope scope, List<DiagnosticInfo> diagnostics, List<DiagnosticInfo> warnings, CancellationToken cancellationToken, out bool reported)
        {
            reported = false;
            ITypeSymbol keyType = type.TypeArguments[0];
            ITypeSymbol valueType = type.TypeArguments[1];
            ColumnTypeMapper.Mapping? key = ColumnTypeMapper.Map(keyType, enumAsString: false);
            // With annotations off a string key says nothing about null, and a dictionary cannot hold a null key: it is required.
            bool keyMayBeNull = key is { IsNullable: true } && keyType.NullableAnnotation != NullableAnnotation.None;
            if (key is not ({ Storage: ColumnStorage.Value, IsChar: false } or { Storage: ColumnStorage.String, IsChar: false }) || keyMayBeNull)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidMapKey, location, keyType.ToDisplayString()));
                reported = true;
                return null;
            }

            ColumnTypeMapper.Mapping? value = ColumnTypeMapper.Map(valueType, enumAsString: false)
                ?? GroupMapping(valueType, location, scope, diagnostics, warnings, cancellationToken, out reported);
            if (value is null || value.IsChar)
            {
                return null;
            }

            string arguments = $"{AnnotatedTypeName.NonNull(keyType)}, {AnnotatedTypeName.Of(valueType)}";
            string entry = $"global::System.Collections.Generic.KeyValuePair<{arguments}>";
            var keyField = new ColumnSpec("Key", "Key", "Key", "key", false, key.ColumnType, key.ElementType, key.Storage, false, key.ElementSize, 0, 0, key.Enum);
            var valueField = new ColumnSpec("Value", "Value", "Value", "value", false, value.ColumnType, value.ElementType, value.Storage, value.IsNullable, value.ElementSize, 0, 0, value.Enum, value.List, Group: value.Group, BinaryType: value.BinaryType);
            var group = new GroupSpec(entry, true, new EquatableArray<ColumnSpec>(new[] { keyField, valueField }), new EquatableArray<int>(new[] { 0, 1 }), EquatableArray<int>.Empty);
            var list = new ListSpec(container, ColumnStorage.Group, entry, false, Group: group, MapArguments: arguments);
            return new ColumnTypeMapper.Mapping(ColumnKind.Group, entry, ColumnStorage.List, ColumnTypeMapper.AcceptsNull(type), 0, List: list);
        }

        /// <summary>A concrete, non-generic class or struct of the user's: what a Parquet group can fill.</summary>
        private static bool IsRecordCandidate(INamedTypeSymbol type) =>
            type.TypeKind is TypeKind.Class or TypeKind.Struct
            && !type.IsAbstract
            && type.SpecialType == SpecialType.None
            && !type.TypeArguments.Any(argument => argument is ITypeParameterSymbol)
            && !(type.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)));

        /// <summary>
        /// Whether a generic record is met inside itself again under other arguments more often than any finite type
        /// nests it (<c>Node&lt;T&gt;</c> holding a <c>Node&lt;List&lt;T&gt;&gt;</c>): each construction differs, so only
        /// the count ends the walk, which would otherwise never end.
        /// </summary>
        private static bool GenericNestingGrows(INamedTypeSymbol type, ParseScope scope) =>
            type.IsGenericType && !IsTuple(type) && scope.Visiting.Count(visited => SymbolEqualityComparer.Default.Equals(visited.OriginalDefinition, type.OriginalDefinition)) > MaxGenericNesting;

        /// <summary>
        /// A tuple of two or more elements (<c>(int Start, int End)</c>), read and written as a record of its elements;
        /// it cannot hold itself, and its elements need no constructor to bind.
        /// </summary>
        private static bool IsTuple(INamedTypeSymbol type) => type.IsTupleType && type.TupleElements.Length >= 2;

        /// <summary>Whether <paramref name="syntax"/> is the first part of <paramref name="type"/> that carries <c>[StreamingDataset]</c>.</summary>
        private static bool IsFirstMarkedPart(INamedTypeSymbol type, TypeDeclarationSyntax syntax, CancellationToken cancellationToken)
        {
            SyntaxReference? first = type.GetAttributes()
                .Where(a => a.AttributeClass?.ToDisplayString() == StreamingDatasetGenerator.AttributeName)
                .Select(a => a.ApplicationSyntaxReference)
                .FirstOrDefault(r => r is not null);
            return first is null || first.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() == syntax;
        }

        private static IEnumerable<INamedTypeSymbol> BaseTypesFirst(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            return chain;
        }

        private static bool IsCandidate(ISymbol symbol, ParseScope scope, out ITypeSymbol? type, out bool settable)
        {
            type = null;
            settable = false;
            if (symbol.IsStatic || symbol.IsImplicitlyDeclared || !IsAccessible(symbol.DeclaredAccessibility) || !scope.CanReach(symbol))
            {
                return false;
            }

            switch (symbol)
            {
                case IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property when property.Name != "EqualityContract" && scope.CanReach(getter):
                    type = property.Type;
                    settable = property.SetMethod is { } setter && scope.CanReach(setter);
                    return true;
                case IFieldSymbol { IsConst: false, AssociatedSymbol: null } field:
                    type = field.Type;
                    settable = !field.IsReadOnly;
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsAccessible(Accessibility accessibility) =>
            accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;

        private static bool IsAutoProperty(IPropertySymbol property) =>
            property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

        private static bool IsPositional(IPropertySymbol property) =>
            property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ParameterSyntax);

        private static bool IsIgnored(ISymbol symbol, KnownAttributes known)
        {
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                switch (known.RoleOf(attribute))
                {
                    case AttributeRole.Ignore:
                        return true;
                    case AttributeRole.JsonIgnore:
                        // [JsonIgnore(Condition = ...)] other than Always still serialises the member.
                        TypedConstant condition = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Condition").Value;
                        return condition.IsNull || condition.Value is int value && value == JsonIgnoreConditionAlways;
                }
            }

            return false;
        }

        /// <summary>The member's attributes and, for a positional record property, its parameter's (where an attribute without a target lands).</summary>
        private static AttributeData[] MemberAttributes(ISymbol member, INamedTypeSymbol type)
        {
            IEnumerable<AttributeData> attributes = member.GetAttributes();
            IParameterSymbol? parameter = member is IPropertySymbol property && IsPositional(property)
                ? type.InstanceConstructors.SelectMany(c => c.Parameters).FirstOrDefault(p => p.Name == member.Name)
                : null;
            return (parameter is null ? attributes : attributes.Concat(parameter.GetAttributes())).ToArray();
        }

        private static (int Precision, int Scale) DecimalSettings(AttributeData[] attributes, KnownAttributes known)
        {
            AttributeData? attribute = attributes.FirstOrDefault(a => known.RoleOf(a) == AttributeRole.Decimal);
            return attribute is { ConstructorArguments.Length: >= 2 } && attribute.ConstructorArguments[0].Value is int precision && attribute.ConstructorArguments[1].Value is int scale
                ? (precision, scale)
                : (0, 0);
        }

        /// <summary>
        /// Whether a timestamp attribute asks for a UTC-adjusted TIMESTAMP (true) or a local one (false); null with none.
        /// Alimentar's takes it first, Parquet.Net's third (after its resolution and logical-type flag): found by name.
        /// </summary>
        private static bool? TimestampSetting(AttributeData[] attributes, KnownAttributes known)
        {
            AttributeData? attribute = attributes.FirstOrDefault(a => known.RoleOf(a) == AttributeRole.Timestamp);
            if (attribute?.AttributeConstructor is not { } constructor)
            {
                return null;
            }

            for (int i = 0; i < constructor.Parameters.Length && i < attribute.ConstructorArguments.Length; i++)
            {
                if (string.Equals(constructor.Parameters[i].Name, "isAdjustedToUtc", StringComparison.OrdinalIgnoreCase) && attribute.ConstructorArguments[i].Value is bool adjusted)
                {
                    return adjusted;
                }
            }

            return true;
        }

        private static string? NameFrom(AttributeData[] attributes, AttributeRole role, KnownAttributes known)
        {
            AttributeData? attribute = attributes.FirstOrDefault(a => known.RoleOf(a) == role);
            if (attribute is null)
            {
                return null;
            }

            return attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string ?? string.Empty : string.Empty;
        }

        private static void ReportDuplicateNames(List<Member> members, string display, List<DiagnosticInfo> diagnostics)
        {
            var seen = new Dictionary<string, Member>(StringComparer.Ordinal);
            foreach (Member member in members)
            {
                if (seen.TryGetValue(member.Column.ColumnName, out Member? first))
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateColumnName, member.Location, first.Symbol.Name, member.Symbol.Name, display, member.Column.ColumnName));
                }
                else
                {
                    seen.Add(member.Column.ColumnName, member);
                }
            }
        }

        /// <summary>
        /// Picks the constructor that takes the most columns (by name, ignoring case, and type) and sets the rest
        /// through an object initializer; every column must be reachable one way or the other. A parameter no column
        /// binds is left to its declared default, or given <c>default</c> when it is an ignored member's (a positional
        /// record's <c>[property: ParquetIgnore]</c>); any other makes the constructor unusable.
        /// </summary>
        private static Construction? BindConstruction(INamedTypeSymbol type, List<Member> members, string display, Location location, List<DiagnosticInfo> diagnostics, ParseScope scope)
        {
            KnownAttributes known = scope.Known;
            IEnumerable<IMethodSymbol> constructors = type.InstanceConstructors
                .Where(c => !IsCopyConstructor(c, type) && scope.CanReach(c))
                .OrderByDescending(c => c.Parameters.Length);
            Member? firstUnsettable = null;
            IParameterSymbol? firstUnbound = null;
            foreach (IMethodSymbol constructor in constructors)
            {
                var arguments = new List<int>();
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    // The member of the parameter's exact name first, so that members differing only in case (Id, ID) each find theirs.
                    int index = members.FindIndex(m => m.Symbol.Name == parameter.Name && SymbolEqualityComparer.Default.Equals(m.Type, parameter.Type));
                    if (index < 0 || arguments.Contains(index))
                    {
                        index = members.FindIndex(m =>
                            string.Equals(m.Symbol.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                            && SymbolEqualityComparer.Default.Equals(m.Type, parameter.Type)
                            && !arguments.Contains(members.IndexOf(m)));
                    }

                    if (index >= 0 && !arguments.Contains(index))
                    {
                        arguments.Add(index);
                    }
                    else if (parameter.HasExplicitDefaultValue)
                    {
                        arguments.Add(ConstructorArgument.LeftToItsDefault);
                    }
                    else if (IsIgnoredMembersParameter(type, parameter, known))
                    {
                        arguments.Add(ConstructorArgument.IgnoredMember);
                    }
                    else
                    {
                        firstUnbound ??= parameter;
                        arguments = null!;
                        break;
                    }
                }

                if (arguments is null)
                {
                    continue;
                }

                // A required member must appear in the initializer unless the constructor says it sets them all.
                bool setsRequired = known.Has(constructor, AttributeRole.SetsRequiredMembers);
                var initialized = Enumerable.Range(0, members.Count).Where(i => !arguments.Contains(i) || (members[i].IsRequired && !setsRequired)).ToList();
                Member? unsettable = initialized.Select(i => members[i]).FirstOrDefault(m => !m.Settable);
                if (unsettable is null)
                {
                    List<string> names = arguments.Contains(ConstructorArgument.LeftToItsDefault) ? constructor.Parameters.Select(p => p.Name).ToList() : new List<string>();
                    List<string> defaulted = setsRequired ? new List<string>() : RequiredIgnoredMembers(type, known);
                    return new Construction(arguments, initialized, names, defaulted);
                }

                firstUnsettable ??= unsettable;
            }

            if ((firstUnsettable ?? members.FirstOrDefault(m => !m.Settable)) is { } culprit)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoConstruction, location, display, culprit.Symbol.Name));
            }
            else
            {
                string why = firstUnbound is null
                    ? "none of its constructors can be called from the row type (they are private, or internal to another assembly)"
                    : $"its constructor's parameter '{firstUnbound.Name}' is no column (by name and type), declares no default and sets no [ParquetIgnore] member";
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoConstructorBinds, location, display, why));
            }

            return null;
        }

        /// <summary>Required members marked <c>[ParquetIgnore]</c>: no column sets them, yet an object initializer must, so it sets <c>default</c>.</summary>
        private static List<string> RequiredIgnoredMembers(INamedTypeSymbol type, KnownAttributes known) =>
            BaseTypesFirst(type).SelectMany(t => t.GetMembers()).Where(m => IsRequired(m) && IsIgnored(m, known)).Select(m => m.Name).Distinct().ToList();

        /// <summary>Whether <paramref name="parameter"/> sets an ignored member of the same name (a positional record's <c>[property: ParquetIgnore]</c>).</summary>
        private static bool IsIgnoredMembersParameter(INamedTypeSymbol type, IParameterSymbol parameter, KnownAttributes known) =>
            BaseTypesFirst(type).SelectMany(t => t.GetMembers(parameter.Name)).Any(m => m is IPropertySymbol or IFieldSymbol && IsIgnored(m, known));

        private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol type) =>
            constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

        private static bool IsVisibleOutsideAssembly(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility != Accessibility.Public)
                {
                    return false;
                }
            }

            return true;
        }

        private static string DisplayName(INamedTypeSymbol type)
        {
            if (IsTuple(type))
            {
                return type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            }

            // A generic record is named with its arguments (Pair<int, string>), or its parameters where it is declared (Node<T>).
            string name = type.TypeArguments.Length == 0
                ? type.Name
                : type.Name + "<" + string.Join(", ", type.TypeArguments.Select(argument => argument.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ">";
            return type.ContainingType is null ? name : DisplayName(type.ContainingType) + "." + name;
        }

        private static string Keyword(TypeDeclarationSyntax syntax) => syntax switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };

        private sealed record Member(ISymbol Symbol, ITypeSymbol Type, bool Settable, Location Location, ColumnSpec Column, bool IsRequired);

        /// <summary>The store a streaming row type gets (<c>Columns</c> unless it has a member of that name); null for other types.</summary>
        private static string? StoreNameOf(INamedTypeSymbol type, KnownAttributes known) =>
            known.Has(type, AttributeRole.StreamingDataset)
                ? type.GetMembers("Columns").IsEmpty ? "Columns" : "StreamingColumns"
                : null;

        private static bool IsRequired(ISymbol symbol) => symbol is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true };

        /// <summary>The nearest generic type the row type is nested in, if any.</summary>
        private static INamedTypeSymbol? GenericContainer(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (outer.TypeParameters.Length > 0)
                {
                    return outer;
                }
            }

            return null;
        }

        /// <summary>Whether code outside the type and its containers can name it: no private or protected link in the chain.</summary>
        private static bool IsVisibleOutsideType(INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                {
                    return false;
                }
            }

            return true;
        }

        private sealed record Construction(List<int> ConstructorArguments, List<int> InitializedColumns, List<string> ParameterNames, List<string> DefaultedRequiredMembers);
    }
}
