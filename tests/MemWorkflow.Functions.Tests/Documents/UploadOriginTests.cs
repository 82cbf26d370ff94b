using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Documents;

/// <summary>Browsers upload means of verification straight to Blob Storage with the upload URL, so the
/// intake account must let the portal's origin PUT, and nothing else: locally the app sets the
/// emulator's CORS as infra/ sets the intake account's in Azure.</summary>
public sealed class UploadOriginTests
{
    private static async Task<HttpResponseMessage> PreflightAsync(int blobPort, string container, string origin, string method)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, $"http://127.0.0.1:{blobPort}/devstoreaccount1/{container}/r2027-00000000/MEX/d-1");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "x-ms-blob-type,content-type");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task ThePortalsOrigin_MayPutUploads_AndNoOtherOriginOrMethodMay()
    {
        await using var app = await MemApp.StartAsync();
        var storage = await TestStorage.GetAsync();
        var intake = app.TablePrefix + "intake";

        var allowed = await PreflightAsync(storage.BlobPort, intake, "https://mem.test.oas.org", "PUT");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://mem.test.oas.org", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PUT", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());

        Assert.Equal(HttpStatusCode.Forbidden, (await PreflightAsync(storage.BlobPort, intake, "https://elsewhere.example.org", "PUT")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PreflightAsync(storage.BlobPort, intake, "https://mem.test.oas.org", "GET")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PreflightAsync(storage.BlobPort, intake, "https://mem.test.oas.org", "DELETE")).StatusCode);
    }
}
