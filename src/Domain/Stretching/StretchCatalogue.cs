namespace HipLog.Domain.Stretching;

public enum ExerciseKind { Stretch, FoamRolling, Strength, Aid }

/// <summary>
/// How an exercise is dosed: a hold in breaths or seconds, or a time spent at it (rolling is not held), done on each
/// side or both at once, sets × reps. Every exercise a routine can prescribe says how long by one of the three.
/// </summary>
public sealed record ExerciseDose(int? HoldBreathsMin, int? HoldBreathsMax, int? HoldSeconds, bool EachSide, int Sets, int Reps,
    int? DurationSeconds = null);

public sealed record Exercise(
    string Id,
    string Name,
    ExerciseKind Kind,
    IReadOnlyList<string> Targets,
    ExerciseDose Dose,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Cautions)
{
    /// <summary>Aids such as taping support a runner but are not exercises a routine can prescribe.</summary>
    public bool CanBePrescribed => Kind != ExerciseKind.Aid;
}

/// <summary>
/// The exercises HipLog knows, taken from Cheryl Petermann's hip-flexor article for Road Runner Sports (names, holds, sets
/// and what each one targets; docs/pain-watch.md, "The stretch catalogue"); the instructions are in HipLog's own words.
/// </summary>
public static class StretchCatalogue
{
    public const string HalfLordOfTheFishes = "half-lord-of-the-fishes";
    public const string LizardLowerLunge = "lizard-lower-lunge";
    public const string GarlandPose = "garland-pose";
    public const string HipFlexorRollOut = "hip-flexor-roll-out";
    public const string SingleLegKneeLift = "single-leg-knee-lift";
    public const string HipFlexorSupportTaping = "hip-flexor-support-taping";

    public const int RollOutSeconds = 60;

    private static readonly ExerciseDose EightToTenBreathsEachSide = new(8, 10, null, EachSide: true, Sets: 1, Reps: 1);

    public static IReadOnlyList<Exercise> All { get; } =
    [
        new(HalfLordOfTheFishes, "Half lord of the fishes (seated twist)", ExerciseKind.Stretch,
            ["glutes", "outer-hip", "lower-back", "spine", "chest", "shoulders", "neck"],
            EightToTenBreathsEachSide,
            [
                "Sit on the floor with both legs straight out in front of you.",
                "Keep the left leg long. Bend the right knee and draw the right foot in so the heel rests a couple of inches from the " +
                    "left thigh.",
                "Lengthen upwards through the spine rather than slumping into the lower back.",
                "Wrap your left arm around the right knee and turn your chest towards the right.",
                "Ease the left shoulder forward and the right shoulder back until they line up, and look out past your right shoulder.",
                "Stay for 8 to 10 slow breaths, unwind, then repeat with the legs swapped.",
            ],
            ["Turn only as far as your back allows without pain.", "Ask your clinician first after recent spine or hip surgery."]),

        new(LizardLowerLunge, "Lizard lower lunge", ExerciseKind.Stretch,
            ["hip-flexors", "psoas", "inner-thigh"],
            EightToTenBreathsEachSide,
            [
                "Take a long step forward with your left foot, several feet ahead of the right.",
                "Bend the left knee until it is stacked directly over the ankle.",
                "Walk the left foot a little out to the side.",
                "Lower both elbows onto blocks (or the floor) on the inside of the left foot, keeping your hips level and facing forward.",
                "Feel the front of the right hip (the psoas) and the inside of the left thigh open; lifting the back knee off the floor " +
                    "takes the stretch deeper into the right hip.",
                "Hold for 8 to 10 breaths, then change legs.",
            ],
            ["Pad the back knee if it rests on a hard floor.", "Back off if the front knee or the groin hurts sharply."]),

        new(GarlandPose, "Garland pose (deep squat)", ExerciseKind.Stretch,
            ["hips", "ankles", "knees", "lower-back", "core"],
            new ExerciseDose(8, 10, null, EachSide: false, Sets: 1, Reps: 1),
            [
                "Stand with your heels in line with your hips and your toes turned out.",
                "Bend the knees and sink down into a deep squat.",
                "If your heels come up, roll a blanket under them; if the squat is too deep for now, sit on two stacked blocks.",
                "Keep your chest lifted and stay for 8 to 10 breaths.",
            ],
            ["Use the blocks instead of forcing depth if your knees complain."]),

        new(HipFlexorRollOut, "Hip-flexor foam roll-out", ExerciseKind.FoamRolling,
            ["hip-flexors", "front-thigh"],
            // The article says where to roll but not for how long: a minute a side is HipLog's choice, at the short end
            // of what foam-rolling routines give one muscle group, so the roll-out never outlasts the stretches around it.
            new ExerciseDose(null, null, null, EachSide: true, Sets: 1, Reps: 1, DurationSeconds: RollOutSeconds),
            [
                "Lie face down with a foam roller under the front of one hip, propped on your forearms.",
                "Roll slowly from the hip crease down to the middle of the thigh and back up.",
                "Keep rolling for about a minute, lingering on stiff spots and breathing, then roll the other side.",
            ],
            ["Keep the roller off bony points and fresh bruises."]),

        new(SingleLegKneeLift, "Single-leg knee lift", ExerciseKind.Strength,
            ["hip-flexors", "knees", "balance", "core"],
            new ExerciseDose(null, null, 10, EachSide: true, Sets: 3, Reps: 10),
            [
                "Stand tall on your right leg.",
                "Raise the left knee until the thigh is level with the floor.",
                "Hold for 10 seconds with your stomach muscles braced; fixing your eyes on a still spot a few feet ahead helps your " +
                    "balance.",
                "Lower with control. Do 3 sets of 10 on each leg.",
            ],
            ["Stand beside a wall or a chair back if your balance is shaky."]),

        new(HipFlexorSupportTaping, "Hip-flexor support taping", ExerciseKind.Aid,
            ["hip-flexors"],
            new ExerciseDose(null, null, null, EachSide: false, Sets: 0, Reps: 0),
            [
                "Kinesiology tape laid along the hip flexor can give a stiff hip some support on race day while you keep working on the " +
                    "cause.",
                "Follow the pattern printed by the tape maker, or ask a physiotherapist to show you once.",
            ],
            ["Tape supports; it does not treat. Do not race through sharp pain.", "Take it off if the skin reddens or itches."]),
    ];

    private static readonly Dictionary<string, Exercise> ById = All.ToDictionary(e => e.Id, StringComparer.Ordinal);

    public static Exercise? Find(string? id) => id is not null && ById.TryGetValue(id, out var exercise) ? exercise : null;
}
