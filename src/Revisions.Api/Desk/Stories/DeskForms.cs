using System.Globalization;

namespace Revisions.Api.Desk.Stories;

/// <summary>Reading the fields of a desk form.</summary>
public static class DeskForms
{
    /// <summary>A whole number field; null when missing or not a number (the use case then says what is wrong).</summary>
    public static int? Int(IFormCollection form, string name) =>
        int.TryParse(form[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A text field, null when empty; line endings as the API stores them.</summary>
    public static string? Text(IFormCollection form, string name)
    {
        var text = form[name].ToString().Replace("\r\n", "\n");
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }
}
