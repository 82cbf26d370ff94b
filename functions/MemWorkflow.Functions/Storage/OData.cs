using System.Globalization;
using MemWorkflow.Functions.Http;

namespace MemWorkflow.Functions.Storage;

/// <summary>Every value written into a table query filter goes through <see cref="Quote(string)"/>: a quote in it
/// (a round id, a member state, a participant id, anything a request carried) ends up as text, never as filter
/// syntax. Filters are written as strings because they join fragments (<see cref="RowKeys.StartsWith"/>); Azure's
/// <c>TableClient.CreateQueryFilter</c> escapes the same way.</summary>
public static class OData
{
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Quote<T>(T value) where T : notnull => Quote(Convert.ToString(value, CultureInfo.InvariantCulture)!);
}
