// Lets the tests host the real Api through WebApplicationFactory<Program>.
public partial class Program;
