using System.Net.Mail;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Core.Participants;

/// <summary>What makes a registration valid, as field -> messages, empty when valid.</summary>
public static class ParticipantRules
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;

    public static Dictionary<string, string[]> Validate(NewParticipant p, PlanCatalogue catalogue)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        if (p.Role is null)
            Add("role", "A role is required: memUnit, nce, geg or consultant.");
        if (string.IsNullOrWhiteSpace(p.Name))
            Add("name", "A name is required.");
        else if (p.Name.Length > MaxNameLength)
            Add("name", $"A name has at most {MaxNameLength} characters.");
        if (string.IsNullOrWhiteSpace(p.Email))
            Add("email", "An email address is required.");
        else if (p.Email.Length > MaxEmailLength || !IsEmailAddress(p.Email))
            Add("email", $"'{Truncate(p.Email)}' is not a valid email address.");

        var needsState = p.Role is Role.Nce or Role.Geg;
        if (needsState && string.IsNullOrEmpty(p.MemberState))
            Add("memberState", p.Role == Role.Nce
                ? "An NCE user needs the member state it answers for."
                : "A GEG expert needs the member state that designated them.");
        else if (p.MemberState is not null && !MemberStates.IsKnown(p.MemberState))
            Add("memberState", $"'{Truncate(p.MemberState)}' is not an OAS member state (ISO 3166-1 alpha-3, e.g. MEX).");
        else if (p.Role == Role.MemUnit && p.MemberState is not null)
            Add("memberState", "MEM Unit staff represent no member state.");

        if (p.Languages is null || p.Languages.Count == 0)
            Add("languages", "At least one working language is required (en, es, fr, pt).");
        else
        {
            foreach (var language in p.Languages.Where(l => !OfficialLanguages.IsOfficial(l)))
                Add("languages", $"'{Truncate(language)}' is not an official OAS language (en, es, fr, pt).");
            if (p.Languages.Distinct().Count() != p.Languages.Count)
                Add("languages", "A language is listed twice.");
        }

        foreach (var pillar in (p.Expertise ?? []).Where(x => catalogue.FindPillar(x) is null))
            Add("expertise", $"'{Truncate(pillar)}' is not a pillar of the Plan of Action ({string.Join(", ", catalogue.Plan.Pillars.Select(x => x.Id))}).");
        return errors;
    }

    private static bool IsEmailAddress(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
