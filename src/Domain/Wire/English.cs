namespace HipLog.Domain.Wire;

/// <summary>The few rules of English that HipLog's sentences need.</summary>
public static class English
{
    /// <summary>
    /// "a" or "an" before a number written in figures, by how it is read aloud: "an" before eight, eleven, eighteen,
    /// eighty-…, eight hundred …, and the thousands of those (an 8.4 km run, an 11 km run, an 18,000 m climb); "a" before
    /// every other number (a 5 km run, a 0.8 km walk, a 108 km week).
    /// </summary>
    public static string IndefiniteArticle(double number)
    {
        var whole = Math.Floor(Math.Abs(number));
        // Numbers are read in groups of three digits: the first group decides the first word.
        while (whole >= 1000)
            whole = Math.Floor(whole / 1000);
        var lead = (int)whole;
        return lead is 8 or 11 or 18 or (>= 80 and <= 89) or (>= 800 and <= 899) ? "an" : "a";
    }
}
