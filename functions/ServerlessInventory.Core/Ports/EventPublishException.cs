namespace ServerlessInventory.Core.Ports;

/// <summary>
/// The topic did not take the events (after the publisher's own retries): none of the publish may be reported as
/// accepted. The caller answers "try again later"; sending the same events again is safe, because an event id is
/// applied once however often it arrives.
/// </summary>
public sealed class EventPublishException : Exception
{
    public EventPublishException()
    {
    }

    public EventPublishException(string message) : base(message)
    {
    }

    public EventPublishException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
