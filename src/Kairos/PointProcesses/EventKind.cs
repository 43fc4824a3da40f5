namespace Kairos.PointProcesses;

/// <summary>What an event is: our own action (a delivery), the world's feedback, or an opportunity to act.</summary>
public enum EventKind
{
    Action,
    Feedback,
    Opportunity,
}
