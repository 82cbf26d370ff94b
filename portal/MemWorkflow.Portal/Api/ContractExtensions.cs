using MemWorkflow.Contracts.Catalogue;
using MemWorkflow.Contracts.Documents;
using MemWorkflow.Contracts.Evaluations;
using MemWorkflow.Contracts.Participants;
using MemWorkflow.Contracts.Questionnaires;

namespace MemWorkflow.Portal.Api;

/// <summary>What the portal reads off the contract's records, beside what the API sends.</summary>
public static class ContractExtensions
{
    extension(AnswerView answer)
    {
        public string Saver => answer.SavedByName ?? answer.SavedBy;
    }

    extension(SummaryView summary)
    {
        public string Saver => summary.SavedByName ?? summary.SavedBy;
    }

    extension(DocumentView document)
    {
        public bool IsCompleted => document.Status == DocumentStatus.Completed;
    }

    extension(ParticipantView participant)
    {
        /// <summary>The participant a new session is for, as GET /api/me would describe them.</summary>
        public MeView AsMe(DateTimeOffset? sessionExpiresOn) => new(participant.Id, participant.Role, participant.Name, participant.Email,
            participant.MemberState, participant.Languages, participant.Expertise, sessionExpiresOn);
    }

    extension(CatalogueView catalogue)
    {
        public Objective? FindObjective(string id) => catalogue.Pillars.SelectMany(p => p.Objectives).FirstOrDefault(o => o.Id == id);

        public Pillar? PillarOf(string objectiveId) => catalogue.Pillars.FirstOrDefault(p => p.Objectives.Any(o => o.Id == objectiveId));
    }
}
