using MemWorkflow.Portal.Api;

namespace MemWorkflow.Portal.Pages.Questionnaires;

/// <summary>One questionnaire being answered: its drafts, its documents, and the autosave that sends
/// each answer with the If-Match of the version it was based on.</summary>
public sealed class QuestionnaireWork(MemApi api, QuestionnaireView view)
{
    public string RoundId => view.RoundId;
    public string MemberState => view.MemberState;
    public QuestionnaireView View => view;
    public List<AnswerDraft> Drafts { get; } = view.Items.Select(i => new AnswerDraft(i)).ToList();
    public List<DocumentView> Documents { get; } = view.Documents.ToList();
    public bool ReadOnly => view.SubmittedAt is not null || view.Stage != Stage.Issued;

    /// <summary>Counted answers or documents changed: the counters and gap list follow.</summary>
    public event Action? Changed;

    /// <summary>A save met someone else's version: the page opens the conflict dialog.</summary>
    public event Action<AnswerDraft>? Conflicted;

    public bool IsCompletedDocument(string id) => Documents.Any(d => d.DocumentId == id && d.IsCompleted);

    public string FileName(string id) => Documents.FirstOrDefault(d => d.DocumentId == id)?.FileName ?? id;

    public void AddDocument(VerifiedDocument verified)
    {
        Documents.RemoveAll(d => d.DocumentId == verified.DocumentId);
        Documents.Add(new DocumentView(verified.DocumentId, verified.FileName, DocumentStatus.Completed, verified.ContentType, verified.Length, verified.Sha256,
            verified.UploadedBy, verified.CompletedAt, verified.CompletedAt, null, []));
        Changed?.Invoke();
    }

    public async Task SaveAsync(AnswerDraft draft)
    {
        if (ReadOnly || draft.State == SaveState.Conflict)
            return;
        // Nothing typed, chosen or attached yet: nothing to keep. A narrative typed before a status is saved as a draft.
        if (draft.Version is null && draft.Status is null && string.IsNullOrWhiteSpace(draft.Text) && draft.DocumentIds.Count == 0)
            return;
        if (draft.State == SaveState.Saved && draft.Edits == draft.SavedEdits)
            return;
        if (draft.InFlight)
        {
            draft.SavePending = true;
            return;
        }
        var edits = draft.Edits;
        draft.State = SaveState.Saving;
        draft.InFlight = true;
        draft.Notify();
        ApiResult<AnswerView> result;
        try
        {
            result = await SendAsync(draft, new AnswerRequest(draft.Status, draft.Text, draft.DocumentIds.ToList()));
        }
        finally
        {
            draft.InFlight = false;
        }
        draft.Problem = result.Problem;
        if (result is { Ok: true, Value: { } saved })
        {
            draft.Version = saved.Version;
            draft.Saved = saved;
            draft.SavedEdits = edits;
            draft.State = draft.Edits == edits ? SaveState.Saved : SaveState.Unsaved;
        }
        else if (result.Status == 412 && result.Problem?.Current is { } theirs)
        {
            draft.Theirs = theirs;
            draft.State = SaveState.Conflict;
            draft.SavePending = false;
            Conflicted?.Invoke(draft);
        }
        else
            draft.State = SaveState.Failed;
        draft.Notify();
        Changed?.Invoke();
        if (draft.SavePending || draft.State == SaveState.Unsaved)
        {
            draft.SavePending = false;
            await SaveAsync(draft);
        }
    }

    /// <summary>Keep mine: save what this user typed over the version they have now seen.</summary>
    public Task KeepMineAsync(AnswerDraft draft)
    {
        draft.Version = draft.Theirs?.Version ?? draft.Version;
        draft.Theirs = null;
        draft.State = SaveState.Unsaved;
        return SaveAsync(draft);
    }

    public void TakeTheirs(AnswerDraft draft)
    {
        if (draft.Theirs is { } theirs)
            draft.Take(theirs);
        Changed?.Invoke();
    }

    /// <summary>Sends the draft as it is now. A save whose answer never arrived may have committed: it is sent
    /// again first, as it was and with its Idempotency-Key, so the draft learns the version it made instead of
    /// meeting that version as someone else's (412) with its next save.</summary>
    private async Task<ApiResult<AnswerView>> SendAsync(AnswerDraft draft, AnswerRequest request)
    {
        if (draft.Unconfirmed is { } pending)
        {
            var repeat = await api.SaveAnswerAsync(RoundId, MemberState, draft.Item.PriorityActionId, pending.Request, pending.Version, pending.Key);
            if (Unknown(repeat))
                return repeat;
            draft.Unconfirmed = null;
            if (repeat is { Ok: true, Value: { } committed })
            {
                draft.Version = committed.Version;
                if (Same(request, pending.Request))
                    return repeat;
            }
        }
        var key = Guid.NewGuid().ToString("N");
        var result = await api.SaveAnswerAsync(RoundId, MemberState, draft.Item.PriorityActionId, request, draft.Version, key);
        if (Unknown(result))
            draft.Unconfirmed = (request, draft.Version, key);
        return result;
    }

    private static bool Unknown<T>(ApiResult<T> result) => result.Status is 0 or >= 500;

    private static bool Same(AnswerRequest a, AnswerRequest b) =>
        a.Status == b.Status && a.Text == b.Text && (a.DocumentIds ?? []).SequenceEqual(b.DocumentIds ?? []);
}
