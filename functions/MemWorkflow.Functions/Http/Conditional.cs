using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MemWorkflow.Functions.Http;

/// <summary>Anonymous reads are cacheable: an answer carries a strong ETag made from what it says (the JSON body
/// and its Link header), and a client or cache that sends it back in If-None-Match gets 304 with no body.</summary>
public static class Conditional
{
    private static readonly JsonSerializerOptions Json = Create();

    /// <summary>Sets the ETag of <paramref name="value"/> as the answer would carry it, and Cache-Control; true when
    /// the request's If-None-Match already names it (answer 304).</summary>
    public static bool NotModified<T>(HttpContext http, T value, string cacheControl)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        var link = Encoding.UTF8.GetBytes(http.Response.Headers.Link.ToString());
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData([.. body, 0, .. link]))[..32]}\"";
        return NotModified(http, etag, cacheControl);
    }

    /// <summary>Sets a known ETag and Cache-Control; true when the request's If-None-Match names it (or is "*").</summary>
    public static bool NotModified(HttpContext http, string etag, string cacheControl)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = cacheControl;
        return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim())
            .Any(t => t == "*" || t == etag || t == "W/" + etag));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        MemJson.Configure(options);
        return options;
    }
}
