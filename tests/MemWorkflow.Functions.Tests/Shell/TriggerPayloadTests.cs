using System.Text.Json;
using MemWorkflow.Functions.Shell;

namespace MemWorkflow.Functions.Tests.Shell;

/// <summary>Binding values as the Functions host really sends them to a custom handler. There is no
/// queue trigger yet (the outbox and the Tick cover delivery), but the host's habit of sending a JSON
/// queue message as a string, sometimes encoded twice, is handled once for every trigger.</summary>
public sealed class TriggerPayloadTests
{
    private static JsonElement DataOf(string invocation, string binding) =>
        JsonDocument.Parse(invocation).RootElement.GetProperty("Data").GetProperty(binding);

    [Fact]
    public void AQueueMessageEncodedTwice_IsReadAsTheObjectItCarries()
    {
        const string invocation = """
            {
              "Data": { "message": "\"{\\\"roundId\\\":\\\"r2027-MEX\\\",\\\"attempt\\\":2}\"" },
              "Metadata": { "DequeueCount": 1, "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865", "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
                            "sys": { "MethodName": "Outbox", "UtcNow": "2027-01-04T09:00:00Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" } }
            }
            """;
        var message = Triggers.Unwrap(DataOf(invocation, "message"));
        Assert.Equal(JsonValueKind.Object, message.ValueKind);
        Assert.Equal("r2027-MEX", message.GetProperty("roundId").GetString());
        Assert.Equal(2, message.GetProperty("attempt").GetInt32());
    }

    [Fact]
    public void AJsonMessageEncodedOnce_AndAnObjectSentAsIs_ReadTheSame()
    {
        var once = Triggers.Unwrap(DataOf("""{ "Data": { "message": "{\"roundId\":\"r1\"}" } }""", "message"));
        var asIs = Triggers.Unwrap(DataOf("""{ "Data": { "message": { "roundId": "r1" } } }""", "message"));
        Assert.Equal("r1", once.GetProperty("roundId").GetString());
        Assert.Equal("r1", asIs.GetProperty("roundId").GetString());
    }

    [Theory]
    [InlineData("plain text reminder")]
    [InlineData("{ not json")]
    [InlineData("")]
    public void AMessageThatIsNotJson_StaysTheTextItIs(string text)
    {
        var value = Triggers.Unwrap(JsonSerializer.SerializeToElement(text));
        Assert.Equal(text, value.GetString());
    }
}
