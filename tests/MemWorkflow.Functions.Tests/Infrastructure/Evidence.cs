using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>Means of verification as an NCE client uploads them: reserve, PUT the bytes (to the SAS URL
/// with a plain HttpClient, or through the app), complete.</summary>
public static class Evidence
{
    public static readonly string[] SeedFiles =
    [
        "inl-cooperation-with-mexico.txt",
        "mexico-observations-ced-visit.txt",
        "us-mexico-binational-drug-strategy-1998.txt",
    ];

    public static byte[] Seed(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static async Task<JsonNode> ReserveAsync(this HttpClient nce, string roundId, string ms, string fileName, long length, string contentType = "text/plain")
    {
        var response = await nce.PostAsJsonAsync($"/api/rounds/{roundId}/countries/{ms}/documents", new { fileName, contentType, length });
        return await response.JsonAsync(HttpStatusCode.Created);
    }

    /// <summary>A direct PUT to Blob Storage, as a browser would do it: no SDK.</summary>
    public static async Task<HttpResponseMessage> PutToStorageAsync(string uploadUrl, byte[] bytes)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent(bytes) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        return await http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> CompleteAsync(this HttpClient nce, string roundId, string ms, string documentId) =>
        nce.PostAsync($"/api/rounds/{roundId}/countries/{ms}/documents/{documentId}/completion", null);

    public static Task<HttpResponseMessage> PutContentAsync(this HttpClient nce, string roundId, string ms, string documentId, byte[] bytes) =>
        nce.PutAsync($"/api/rounds/{roundId}/countries/{ms}/documents/{documentId}/content", new ByteArrayContent(bytes));

    /// <summary>Reserve, upload through the SAS URL, complete: the verified document.</summary>
    public static async Task<JsonNode> UploadAsync(this HttpClient nce, string roundId, string ms, string fileName, byte[] bytes)
    {
        var reservation = await nce.ReserveAsync(roundId, ms, fileName, bytes.Length);
        var put = await PutToStorageAsync(reservation["uploadUrl"].Str(), bytes);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return await (await nce.CompleteAsync(roundId, ms, reservation["documentId"].Str())).JsonAsync(HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> SaveAnswerAsync(
        this HttpClient nce, string roundId, string ms, string priorityActionId, string status, string text, string[]? documentIds = null, int? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/rounds/{roundId}/countries/{ms}/answers/{priorityActionId}")
        {
            Content = JsonContent.Create(new { status, text, documentIds = documentIds ?? [] }),
        };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        return nce.SendAsync(request);
    }
}
