using System.Globalization;

namespace MemWorkflow.Core.Notifications;

/// <summary>Dates written the way each OAS language writes them, always in UTC and saying so. Own
/// tables, not CultureInfo: the app runs with invariant globalization, which has no month names
/// but English ones.</summary>
internal static class LocalDates
{
    private sealed record Names(string[] Days, string[] Months);

    private static readonly Names English = new(
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]);

    private static readonly Names Spanish = new(
        ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]);

    private static readonly Names French = new(
        ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]);

    private static readonly Names Portuguese = new(
        ["domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"],
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"]);

    /// <summary>"5 March 2027", "5 de marzo de 2027", "1er mars 2027", "1º de março de 2027".</summary>
    public static string Day(DateTimeOffset at, string language)
    {
        var d = at.UtcDateTime;
        var day = d.Day.ToString(CultureInfo.InvariantCulture);
        var year = d.Year.ToString(CultureInfo.InvariantCulture);
        return language switch
        {
            "es" => $"{day} de {Spanish.Months[d.Month - 1]} de {year}",
            "fr" => $"{(d.Day == 1 ? "1er" : day)} {French.Months[d.Month - 1]} {year}",
            "pt" => $"{(d.Day == 1 ? "1º" : day)} de {Portuguese.Months[d.Month - 1]} de {year}",
            _ => $"{day} {English.Months[d.Month - 1]} {year}",
        };
    }

    /// <summary>"Friday 5 March 2027, 23:59 UTC", "viernes 5 de marzo de 2027, 23:59 UTC",
    /// "vendredi 5 mars 2027, 23 h 59 UTC", "5 de março de 2027 (sexta-feira), 23:59 UTC".</summary>
    public static string Stamp(DateTimeOffset at, string language)
    {
        var d = at.UtcDateTime;
        var weekday = (int)d.DayOfWeek;
        var hh = d.Hour.ToString("00", CultureInfo.InvariantCulture);
        var mm = d.Minute.ToString("00", CultureInfo.InvariantCulture);
        return language switch
        {
            "es" => $"{Spanish.Days[weekday]} {Day(at, language)}, {hh}:{mm} UTC",
            "fr" => $"{French.Days[weekday]} {Day(at, language)}, {hh} h {mm} UTC",
            "pt" => $"{Day(at, language)} ({Portuguese.Days[weekday]}), {hh}:{mm} UTC",
            _ => $"{English.Days[weekday]} {Day(at, language)}, {hh}:{mm} UTC",
        };
    }
}
