namespace Revisions.Api.Desk.Legal;

public static class DeskLegal
{
    public static void Map(RouteGroupBuilder desk)
    {
    }
}
