namespace Revisions.Browser.Tests;

public class when_looking_for_chromium
{
    [Fact]
    public void the_variable_names_it_before_any_usual_place()
    {
        Chromium.Find("/home/ann/chrome-linux/chrome", null, path => true).ShouldBe("/home/ann/chrome-linux/chrome");
    }

    [Fact]
    public void the_usual_places_come_before_the_path()
    {
        Chromium.Find(null, "/opt/bin", path => path is "/usr/bin/chromium-browser" or "/opt/bin/chromium").ShouldBe("/usr/bin/chromium-browser");
        Chromium.Find(null, "/opt/bin:/usr/local/bin", path => path == "/usr/local/bin/google-chrome").ShouldBe("/usr/local/bin/google-chrome");
    }

    [Fact]
    public void without_one_the_failure_says_how_to_install_it()
    {
        var failure = Should.Throw<InvalidOperationException>(() => Chromium.Find(null, "/usr/bin", _ => false));
        failure.Message.ShouldContain("sudo apt-get install -y chromium");
        failure.Message.ShouldContain(Chromium.Variable);

        Should.Throw<InvalidOperationException>(() => Chromium.Find("/nowhere/chrome", null, _ => false))
            .Message.ShouldContain("REVISIONS_CHROMIUM names /nowhere/chrome, which does not exist.");
    }
}
