using MemWorkflow.Portal.Api;

namespace MemWorkflow.Portal.Pages.Questionnaires;

public enum SaveState { Untouched, Unsaved, Saving, Saved, Failed, Conflict }

/// <summary>The NCE's answer to one priority action as it stands in the browser: what was typed, the
/// version it was based on (the If-Match of its next save), and how its autosave went.</summary>
public sealed class AnswerDraft(QuestionnaireItemView item)
{
    public QuestionnaireItemView Item { get; } = item;
    public string Anchor => "pa-" + Item.PriorityActionId;

    /// <summary>"1.1 (International Cooperation)": numbers restart in every pillar, so a control's name
    /// carries its pillar too, or a comprehensive questionnaire would have five "priority action 1.1".</summary>
    public string Label(Localization.Text t) => $"{Item.Number} ({t.Pillar(Item.PillarId, Item.PillarShortName)})";
    public AnswerStatus? Status { get; set; } = item.Answer?.Status;
    public string Text { get; set; } = item.Answer?.Text ?? "";
    public List<string> DocumentIds { get; set; } = item.Answer?.DocumentIds.ToList() ?? [];
    public int? Version { get; set; } = item.Answer?.Version;
    public AnswerView? Saved { get; set; } = item.Answer;
    public SaveState State { get; set; } = SaveState.Untouched;
    public Problem? Problem { get; set; }

    /// <summary>The version someone else saved, when this one's save met a 412.</summary>
    public AnswerView? Theirs { get; set; }

    /// <summary>Counts edits, so a save that finishes after more typing knows it is already stale.</summary>
    public int Edits { get; set; }

    /// <summary><see cref="Edits"/> when the last save succeeded: a late autosave timer with nothing new does not save again.</summary>
    public int SavedEdits { get; set; }

    /// <summary>Bumped when the answer is replaced from outside the editor (taking their version), so
    /// the editor re-creates its fields instead of keeping what the browser shows.</summary>
    public int Revision { get; set; }

    public bool SavePending { get; set; }

    /// <summary>A save whose answer never arrived (no response, or a 5xx): it may have committed. It is sent
    /// again as it was, with its Idempotency-Key, before anything newer (see QuestionnaireWork).</summary>
    public (AnswerRequest Request, int? Version, string Key)? Unconfirmed { get; set; }

    /// <summary>A save of this answer is on its way. Only one at a time: a second one would carry the
    /// same If-Match and meet this user's own first save as a conflict.</summary>
    public bool InFlight { get; set; }

    /// <summary>Saved at least once (perhaps as a draft without a status).</summary>
    public bool Stored => Version is not null;

    /// <summary>Saved with a status: what the questionnaire's counter counts.</summary>
    public bool Answered => Stored && Status is not null;

    /// <summary>Typed or changed here and not yet safely stored: leaving the page would lose it.</summary>
    public bool HasUnsavedWork => State is SaveState.Unsaved or SaveState.Saving or SaveState.Failed or SaveState.Conflict || Unconfirmed is not null;

    /// <summary>Raised when the draft changes outside its own editor (a save finishing, a conflict resolved).</summary>
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();

    public void Take(AnswerView theirs)
    {
        Status = theirs.Status;
        Text = theirs.Text;
        DocumentIds = theirs.DocumentIds.ToList();
        Version = theirs.Version;
        Saved = theirs;
        Theirs = null;
        State = SaveState.Saved;
        Revision++;
        Notify();
    }

    /// <summary>What the answer lacks for submission, by the API's own rule (AnswerGaps), as text keys ("gaps.noEvidence").</summary>
    public IEnumerable<string> Gaps(Func<string, bool> isCompletedDocument) =>
        AnswerGaps.Of(Stored, Status, !string.IsNullOrWhiteSpace(Text), DocumentIds, isCompletedDocument).Select(gap => "gaps." + Wire.Name(gap));
}
