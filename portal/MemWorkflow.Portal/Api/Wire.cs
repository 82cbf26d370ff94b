using System.Text.Json;

namespace MemWorkflow.Portal.Api;

/// <summary>An enum value as the API names it on the wire ("inReview"): the portal's word keys and form
/// values use the same names.</summary>
public static class Wire
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static TEnum? Parse<TEnum>(string? name) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
}
