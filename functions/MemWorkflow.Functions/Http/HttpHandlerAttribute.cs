namespace MemWorkflow.Functions.Http;

/// <summary>Who may call an HTTP function, checked before its handler runs.</summary>
public enum Access
{
    Anyone,
    Participant,
    MemUnit,
}

/// <summary>Names the method that handles an HTTP function's requests, and who may call it. The handler
/// is written as a minimal-API handler (route values, a JSON body, services, typed results), so both
/// hosts bind it the same way and the OpenAPI document describes it exactly.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HttpHandlerAttribute(string method, Access access) : Attribute
{
    public string Method { get; } = method;

    public Access Access { get; } = access;
}
