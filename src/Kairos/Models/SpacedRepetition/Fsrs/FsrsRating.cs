namespace Kairos.Models.SpacedRepetition.Fsrs;

/// <summary>The four answer buttons of FSRS (and Anki): Again = 1 (forgotten), Hard = 2, Good = 3, Easy = 4.</summary>
public enum FsrsRating
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}
