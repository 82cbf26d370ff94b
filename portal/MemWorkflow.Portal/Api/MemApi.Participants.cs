namespace MemWorkflow.Portal.Api;

public sealed partial class MemApi
{
    public Task<ApiResult<List<ParticipantView>>> GetParticipantsAsync() => GetAllAsync("api/participants", Json.ListParticipantView);

    /// <summary>The answer carries the participant's access token: the only time it is ever shown.</summary>
    public Task<ApiResult<RegisteredParticipant>> RegisterParticipantAsync(NewParticipant participant) =>
        SendAsync(HttpMethod.Post, "api/participants", participant, Json.NewParticipant, Json.RegisteredParticipant);

    public Task<ApiResult<Nothing>> DeactivateParticipantAsync(string participantId) =>
        SendAsync(HttpMethod.Delete, $"api/participants/{E(participantId)}", Json.Nothing);
}
