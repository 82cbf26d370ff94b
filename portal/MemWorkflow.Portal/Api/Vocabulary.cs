namespace MemWorkflow.Portal.Api;

/// <summary>The API's enum values as it writes them (camelCase strings). Kept as strings so a stage the
/// portal does not know yet still shows (as its name) instead of failing the whole page.</summary>
public static class Roles
{
    public const string MemUnit = "memUnit";
    public const string Nce = "nce";
    public const string Geg = "geg";
    public const string Consultant = "consultant";
    public static readonly string[] All = [MemUnit, Nce, Geg, Consultant];
}

public static class Stages
{
    public const string Issued = "issued";
    public const string Submitted = "submitted";
    public const string InReview = "inReview";
    public const string ConsultantReview = "consultantReview";
    public const string RevisionRequested = "revisionRequested";
    public const string CountryReview = "countryReview";
    public const string AwaitingApproval = "awaitingApproval";
    public const string Approved = "approved";
    public const string Published = "published";
    public const string Withdrawn = "withdrawn";
}

public static class AnswerStatuses
{
    public const string Implemented = "implemented";
    public const string PartiallyImplemented = "partiallyImplemented";
    public const string NotImplemented = "notImplemented";
    public const string NotApplicable = "notApplicable";
    public static readonly string[] All = [Implemented, PartiallyImplemented, NotImplemented, NotApplicable];
}

public static class Languages
{
    public static readonly string[] All = ["en", "es", "fr", "pt"];
}
