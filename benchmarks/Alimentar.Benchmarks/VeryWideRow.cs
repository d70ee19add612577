using static Alimentar.Benchmarks.WideRowColumns;

namespace Alimentar.Benchmarks;

/// <summary>A very wide numeric row: 1,000 DOUBLE columns, as feature stores export them, more columns than a batch has rows of cache.</summary>
[StreamingDataset]
public partial record VeryWideRow(
    double V000, double V001, double V002, double V003, double V004, double V005, double V006, double V007, double V008, double V009,
    double V010, double V011, double V012, double V013, double V014, double V015, double V016, double V017, double V018, double V019,
    double V020, double V021, double V022, double V023, double V024, double V025, double V026, double V027, double V028, double V029,
    double V030, double V031, double V032, double V033, double V034, double V035, double V036, double V037, double V038, double V039,
    double V040, double V041, double V042, double V043, double V044, double V045, double V046, double V047, double V048, double V049,
    double V050, double V051, double V052, double V053, double V054, double V055, double V056, double V057, double V058, double V059,
    double V060, double V061, double V062, double V063, double V064, double V065, double V066, double V067, double V068, double V069,
    double V070, double V071, double V072, double V073, double V074, double V075, double V076, double V077, double V078, double V079,
    double V080, double V081, double V082, double V083, double V084, double V085, double V086, double V087, double V088, double V089,
    double V090, double V091, double V092, double V093, double V094, double V095, double V096, double V097, double V098, double V099,
    double V100, double V101, double V102, double V103, double V104, double V105, double V106, double V107, double V108, double V109,
    double V110, double V111, double V112, double V113, double V114, double V115, double V116, double V117, double V118, double V119,
    double V120, double V121, double V122, double V123, double V124, double V125, double V126, double V127, double V128, double V129,
    double V130, double V131, double V132, double V133, double V134, double V135, double V136, double V137, double V138, double V139,
    double V140, double V141, double V142, double V143, double V144, double V145, double V146, double V147, double V148, double V149,
    double V150, double V151, double V152, double V153, double V154, double V155, double V156, double V157, double V158, double V159,
    double V160, double V161, double V162, double V163, double V164, double V165, double V166, double V167, double V168, double V169,
    double V170, double V171, double V172, double V173, double V174, double V175, double V176, double V177, double V178, double V179,
    double V180, double V181, double V182, double V183, double V184, double V185, double V186, double V187, double V188, double V189,
    double V190, double V191, double V192, double V193, double V194, double V195, double V196, double V197, double V198, double V199,
    double V200, double V201, double V202, double V203, double V204, double V205, double V206, double V207, double V208, double V209,
    double V210, double V211, double V212, double V213, double V214, double V215, double V216, double V217, double V218, double V219,
    double V220, double V221, double V222, double V223, double V224, double V225, double V226, double V227, double V228, double V229,
    double V230, double V231, double V232, double V233, double V234, double V235, double V236, double V237, double V238, double V239,
    double V240, double V241, double V242, double V243, double V244, double V245, double V246, double V247, double V248, double V249,
    double V250, double V251, double V252, double V253, double V254, double V255, double V256, double V257, double V258, double V259,
    double V260, double V261, double V262, double V263, double V264, double V265, double V266, double V267, double V268, double V269,
    double V270, double V271, double V272, double V273, double V274, double V275, double V276, double V277, double V278, double V279,
    double V280, double V281, double V282, double V283, double V284, double V285, double V286, double V287, double V288, double V289,
    double V290, double V291, double V292, double V293, double V294, double V295, double V296, double V297, double V298, double V299,
    double V300, double V301, double V302, double V303, double V304, double V305, double V306, double V307, double V308, double V309,
    double V310, double V311, double V312, double V313, double V314, double V315, double V316, double V317, double V318, double V319,
    double V320, double V321, double V322, double V323, double V324, double V325, double V326, double V327, double V328, double V329,
    double V330, double V331, double V332, double V333, double V334, double V335, double V336, double V337, double V338, double V339,
    double V340, double V341, double V342, double V343, double V344, double V345, double V346, double V347, double V348, double V349,
    double V350, double V351, double V352, double V353, double V354, double V355, double V356, double V357, double V358, double V359,
    double V360, double V361, double V362, double V363, double V364, double V365, double V366, double V367, double V368, double V369,
    double V370, double V371, double V372, double V373, double V374, double V375, double V376, double V377, double V378, double V379,
    double V380, double V381, double V382, double V383, double V384, double V385, double V386, double V387, double V388, double V389,
    double V390, double V391, double V392, double V393, double V394, double V395, double V396, double V397, double V398, double V399,
    double V400, double V401, double V402, double V403, double V404, double V405, double V406, double V407, double V408, double V409,
    double V410, double V411, double V412, double V413, double V414, double V415, double V416, double V417, double V418, double V419,
    double V420, double V421, double V422, double V423, double V424, double V425, double V426, double V427, double V428, double V429,
    double V430, double V431, double V432, double V433, double V434, double V435, double V436, double V437, double V438, double V439,
    double V440, double V441, double V442, double V443, double V444, double V445, double V446, double V447, double V448, double V449,
    double V450, double V451, double V452, double V453, double V454, double V455, double V456, double V457, double V458, double V459,
    double V460, double V461, double V462, double V463, double V464, double V465, double V466, double V467, double V468, double V469,
    double V470, double V471, double V472, double V473, double V474, double V475, double V476, double V477, double V478, double V479,
    double V480, double V481, double V482, double V483, double V484, double V485, double V486, double V487, double V488, double V489,
    double V490, double V491, double V492, double V493, double V494, double V495, double V496, double V497, double V498, double V499,
    double V500, double V501, double V502, double V503, double V504, double V505, double V506, double V507, double V508, double V509,
    double V510, double V511, double V512, double V513, double V514, double V515, double V516, double V517, double V518, double V519,
    double V520, double V521, double V522, double V523, double V524, double V525, double V526, double V527, double V528, double V529,
    double V530, double V531, double V532, double V533, double V534, double V535, double V536, double V537, double V538, double V539,
    double V540, double V541, double V542, double V543, double V544, double V545, double V546, double V547, double V548, double V549,
    double V550, double V551, double V552, double V553, double V554, double V555, double V556, double V557, double V558, double V559,
    double V560, double V561, double V562, double V563, double V564, double V565, double V566, double V567, double V568, double V569,
    double V570, double V571, double V572, double V573, double V574, double V575, double V576, double V577, double V578, double V579,
    double V580, double V581, double V582, double V583, double V584, double V585, double V586, double V587, double V588, double V589,
    double V590, double V591, double V592, double V593, double V594, double V595, double V596, double V597, double V598, double V599,
    double V600, double V601, double V602, double V603, double V604, double V605, double V606, double V607, double V608, double V609,
    double V610, double V611, double V612, double V613, double V614, double V615, double V616, double V617, double V618, double V619,
    double V620, double V621, double V622, double V623, double V624, double V625, double V626, double V627, double V628, double V629,
    double V630, double V631, double V632, double V633, double V634, double V635, double V636, double V637, double V638, double V639,
    double V640, double V641, double V642, double V643, double V644, double V645, double V646, double V647, double V648, double V649,
    double V650, double V651, double V652, double V653, double V654, double V655, double V656, double V657, double V658, double V659,
    double V660, double V661, double V662, double V663, double V664, double V665, double V666, double V667, double V668, double V669,
    double V670, double V671, double V672, double V673, double V674, double V675, double V676, double V677, double V678, double V679,
    double V680, double V681, double V682, double V683, double V684, double V685, double V686, double V687, double V688, double V689,
    double V690, double V691, double V692, double V693, double V694, double V695, double V696, double V697, double V698, double V699,
    double V700, double V701, double V702, double V703, double V704, double V705, double V706, double V707, double V708, double V709,
    double V710, double V711, double V712, double V713, double V714, double V715, double V716, double V717, double V718, double V719,
    double V720, double V721, double V722, double V723, double V724, double V725, double V726, double V727, double V728, double V729,
    double V730, double V731, double V732, double V733, double V734, double V735, double V736, double V737, double V738, double V739,
    double V740, double V741, double V742, double V743, double V744, double V745, double V746, double V747, double V748, double V749,
    double V750, double V751, double V752, double V753, double V754, double V755, double V756, double V757, double V758, double V759,
    double V760, double V761, double V762, double V763, double V764, double V765, double V766, double V767, double V768, double V769,
    double V770, double V771, double V772, double V773, double V774, double V775, double V776, double V777, double V778, double V779,
    double V780, double V781, double V782, double V783, double V784, double V785, double V786, double V787, double V788, double V789,
    double V790, double V791, double V792, double V793, double V794, double V795, double V796, double V797, double V798, double V799,
    double V800, double V801, double V802, double V803, double V804, double V805, double V806, double V807, double V808, double V809,
    double V810, double V811, double V812, double V813, double V814, double V815, double V816, double V817, double V818, double V819,
    double V820, double V821, double V822, double V823, double V824, double V825, double V826, double V827, double V828, double V829,
    double V830, double V831, double V832, double V833, double V834, double V835, double V836, double V837, double V838, double V839,
    double V840, double V841, double V842, double V843, double V844, double V845, double V846, double V847, double V848, double V849,
    double V850, double V851, double V852, double V853, double V854, double V855, double V856, double V857, double V858, double V859,
    double V860, double V861, double V862, double V863, double V864, double V865, double V866, double V867, double V868, double V869,
    double V870, double V871, double V872, double V873, double V874, double V875, double V876, double V877, double V878, double V879,
    double V880, double V881, double V882, double V883, double V884, double V885, double V886, double V887, double V888, double V889,
    double V890, double V891, double V892, double V893, double V894, double V895, double V896, double V897, double V898, double V899,
    double V900, double V901, double V902, double V903, double V904, double V905, double V906, double V907, double V908, double V909,
    double V910, double V911, double V912, double V913, double V914, double V915, double V916, double V917, double V918, double V919,
    double V920, double V921, double V922, double V923, double V924, double V925, double V926, double V927, double V928, double V929,
    double V930, double V931, double V932, double V933, double V934, double V935, double V936, double V937, double V938, double V939,
    double V940, double V941, double V942, double V943, double V944, double V945, double V946, double V947, double V948, double V949,
    double V950, double V951, double V952, double V953, double V954, double V955, double V956, double V957, double V958, double V959,
    double V960, double V961, double V962, double V963, double V964, double V965, double V966, double V967, double V968, double V969,
    double V970, double V971, double V972, double V973, double V974, double V975, double V976, double V977, double V978, double V979,
    double V980, double V981, double V982, double V983, double V984, double V985, double V986, double V987, double V988, double V989,
    double V990, double V991, double V992, double V993, double V994, double V995, double V996, double V997, double V998, double V999);

/// <summary>Reads every column of a batch of <see cref="VeryWideRow"/>, through the typed accessors.</summary>
public static class VeryWideRowColumns
{
    public static double SumAll(Batch<VeryWideRow> batch)
    {
        double sum = 0;
        sum += Sum(batch.V000) + Sum(batch.V001) + Sum(batch.V002) + Sum(batch.V003) + Sum(batch.V004) + Sum(batch.V005) + Sum(batch.V006) + Sum(batch.V007) + Sum(batch.V008) + Sum(batch.V009);
        sum += Sum(batch.V010) + Sum(batch.V011) + Sum(batch.V012) + Sum(batch.V013) + Sum(batch.V014) + Sum(batch.V015) + Sum(batch.V016) + Sum(batch.V017) + Sum(batch.V018) + Sum(batch.V019);
        sum += Sum(batch.V020) + Sum(batch.V021) + Sum(batch.V022) + Sum(batch.V023) + Sum(batch.V024) + Sum(batch.V025) + Sum(batch.V026) + Sum(batch.V027) + Sum(batch.V028) + Sum(batch.V029);
        sum += Sum(batch.V030) + Sum(batch.V031) + Sum(batch.V032) + Sum(batch.V033) + Sum(batch.V034) + Sum(batch.V035) + Sum(batch.V036) + Sum(batch.V037) + Sum(batch.V038) + Sum(batch.V039);
        sum += Sum(batch.V040) + Sum(batch.V041) + Sum(batch.V042) + Sum(batch.V043) + Sum(batch.V044) + Sum(batch.V045) + Sum(batch.V046) + Sum(batch.V047) + Sum(batch.V048) + Sum(batch.V049);
        sum += Sum(batch.V050) + Sum(batch.V051) + Sum(batch.V052) + Sum(batch.V053) + Sum(batch.V054) + Sum(batch.V055) + Sum(batch.V056) + Sum(batch.V057) + Sum(batch.V058) + Sum(batch.V059);
        sum += Sum(batch.V060) + Sum(batch.V061) + Sum(batch.V062) + Sum(batch.V063) + Sum(batch.V064) + Sum(batch.V065) + Sum(batch.V066) + Sum(batch.V067) + Sum(batch.V068) + Sum(batch.V069);
        sum += Sum(batch.V070) + Sum(batch.V071) + Sum(batch.V072) + Sum(batch.V073) + Sum(batch.V074) + Sum(batch.V075) + Sum(batch.V076) + Sum(batch.V077) + Sum(batch.V078) + Sum(batch.V079);
        sum += Sum(batch.V080) + Sum(batch.V081) + Sum(batch.V082) + Sum(batch.V083) + Sum(batch.V084) + Sum(batch.V085) + Sum(batch.V086) + Sum(batch.V087) + Sum(batch.V088) + Sum(batch.V089);
        sum += Sum(batch.V090) + Sum(batch.V091) + Sum(batch.V092) + Sum(batch.V093) + Sum(batch.V094) + Sum(batch.V095) + Sum(batch.V096) + Sum(batch.V097) + Sum(batch.V098) + Sum(batch.V099);
        sum += Sum(batch.V100) + Sum(batch.V101) + Sum(batch.V102) + Sum(batch.V103) + Sum(batch.V104) + Sum(batch.V105) + Sum(batch.V106) + Sum(batch.V107) + Sum(batch.V108) + Sum(batch.V109);
        sum += Sum(batch.V110) + Sum(batch.V111) + Sum(batch.V112) + Sum(batch.V113) + Sum(batch.V114) + Sum(batch.V115) + Sum(batch.V116) + Sum(batch.V117) + Sum(batch.V118) + Sum(batch.V119);
        sum += Sum(batch.V120) + Sum(batch.V121) + Sum(batch.V122) + Sum(batch.V123) + Sum(batch.V124) + Sum(batch.V125) + Sum(batch.V126) + Sum(batch.V127) + Sum(batch.V128) + Sum(batch.V129);
        sum += Sum(batch.V130) + Sum(batch.V131) + Sum(batch.V132) + Sum(batch.V133) + Sum(batch.V134) + Sum(batch.V135) + Sum(batch.V136) + Sum(batch.V137) + Sum(batch.V138) + Sum(batch.V139);
        sum += Sum(batch.V140) + Sum(batch.V141) + Sum(batch.V142) + Sum(batch.V143) + Sum(batch.V144) + Sum(batch.V145) + Sum(batch.V146) + Sum(batch.V147) + Sum(batch.V148) + Sum(batch.V149);
        sum += Sum(batch.V150) + Sum(batch.V151) + Sum(batch.V152) + Sum(batch.V153) + Sum(batch.V154) + Sum(batch.V155) + Sum(batch.V156) + Sum(batch.V157) + Sum(batch.V158) + Sum(batch.V159);
        sum += Sum(batch.V160) + Sum(batch.V161) + Sum(batch.V162) + Sum(batch.V163) + Sum(batch.V164) + Sum(batch.V165) + Sum(batch.V166) + Sum(batch.V167) + Sum(batch.V168) + Sum(batch.V169);
        sum += Sum(batch.V170) + Sum(batch.V171) + Sum(batch.V172) + Sum(batch.V173) + Sum(batch.V174) + Sum(batch.V175) + Sum(batch.V176) + Sum(batch.V177) + Sum(batch.V178) + Sum(batch.V179);
        sum += Sum(batch.V180) + Sum(batch.V181) + Sum(batch.V182) + Sum(batch.V183) + Sum(batch.V184) + Sum(batch.V185) + Sum(batch.V186) + Sum(batch.V187) + Sum(batch.V188) + Sum(batch.V189);
        sum += Sum(batch.V190) + Sum(batch.V191) + Sum(batch.V192) + Sum(batch.V193) + Sum(batch.V194) + Sum(batch.V195) + Sum(batch.V196) + Sum(batch.V197) + Sum(batch.V198) + Sum(batch.V199);
        sum += Sum(batch.V200) + Sum(batch.V201) + Sum(batch.V202) + Sum(batch.V203) + Sum(batch.V204) + Sum(batch.V205) + Sum(batch.V206) + Sum(batch.V207) + Sum(batch.V208) + Sum(batch.V209);
        sum += Sum(batch.V210) + Sum(batch.V211) + Sum(batch.V212) + Sum(batch.V213) + Sum(batch.V214) + Sum(batch.V215) + Sum(batch.V216) + Sum(batch.V217) + Sum(batch.V218) + Sum(batch.V219);
        sum += Sum(batch.V220) + Sum(batch.V221) + Sum(batch.V222) + Sum(batch.V223) + Sum(batch.V224) + Sum(batch.V225) + Sum(batch.V226) + Sum(batch.V227) + Sum(batch.V228) + Sum(batch.V229);
        sum += Sum(batch.V230) + Sum(batch.V231) + Sum(batch.V232) + Sum(batch.V233) + Sum(batch.V234) + Sum(batch.V235) + Sum(batch.V236) + Sum(batch.V237) + Sum(batch.V238) + Sum(batch.V239);
        sum += Sum(batch.V240) + Sum(batch.V241) + Sum(batch.V242) + Sum(batch.V243) + Sum(batch.V244) + Sum(batch.V245) + Sum(batch.V246) + Sum(batch.V247) + Sum(batch.V248) + Sum(batch.V249);
        sum += Sum(batch.V250) + Sum(batch.V251) + Sum(batch.V252) + Sum(batch.V253) + Sum(batch.V254) + Sum(batch.V255) + Sum(batch.V256) + Sum(batch.V257) + Sum(batch.V258) + Sum(batch.V259);
        sum += Sum(batch.V260) + Sum(batch.V261) + Sum(batch.V262) + Sum(batch.V263) + Sum(batch.V264) + Sum(batch.V265) + Sum(batch.V266) + Sum(batch.V267) + Sum(batch.V268) + Sum(batch.V269);
        sum += Sum(batch.V270) + Sum(batch.V271) + Sum(batch.V272) + Sum(batch.V273) + Sum(batch.V274) + Sum(batch.V275) + Sum(batch.V276) + Sum(batch.V277) + Sum(batch.V278) + Sum(batch.V279);
        sum += Sum(batch.V280) + Sum(batch.V281) + Sum(batch.V282) + Sum(batch.V283) + Sum(batch.V284) + Sum(batch.V285) + Sum(batch.V286) + Sum(batch.V287) + Sum(batch.V288) + Sum(batch.V289);
        sum += Sum(batch.V290) + Sum(batch.V291) + Sum(batch.V292) + Sum(batch.V293) + Sum(batch.V294) + Sum(batch.V295) + Sum(batch.V296) + Sum(batch.V297) + Sum(batch.V298) + Sum(batch.V299);
        sum += Sum(batch.V300) + Sum(batch.V301) + Sum(batch.V302) + Sum(batch.V303) + Sum(batch.V304) + Sum(batch.V305) + Sum(batch.V306) + Sum(batch.V307) + Sum(batch.V308) + Sum(batch.V309);
        sum += Sum(batch.V310) + Sum(batch.V311) + Sum(batch.V312) + Sum(batch.V313) + Sum(batch.V314) + Sum(batch.V315) + Sum(batch.V316) + Sum(batch.V317) + Sum(batch.V318) + Sum(batch.V319);
        sum += Sum(batch.V320) + Sum(batch.V321) + Sum(batch.V322) + Sum(batch.V323) + Sum(batch.V324) + Sum(batch.V325) + Sum(batch.V326) + Sum(batch.V327) + Sum(batch.V328) + Sum(batch.V329);
        sum += Sum(batch.V330) + Sum(batch.V331) + Sum(batch.V332) + Sum(batch.V333) + Sum(batch.V334) + Sum(batch.V335) + Sum(batch.V336) + Sum(batch.V337) + Sum(batch.V338) + Sum(batch.V339);
        sum += Sum(batch.V340) + Sum(batch.V341) + Sum(batch.V342) + Sum(batch.V343) + Sum(batch.V344) + Sum(batch.V345) + Sum(batch.V346) + Sum(batch.V347) + Sum(batch.V348) + Sum(batch.V349);
        sum += Sum(batch.V350) + Sum(batch.V351) + Sum(batch.V352) + Sum(batch.V353) + Sum(batch.V354) + Sum(batch.V355) + Sum(batch.V356) + Sum(batch.V357) + Sum(batch.V358) + Sum(batch.V359);
        sum += Sum(batch.V360) + Sum(batch.V361) + Sum(batch.V362) + Sum(batch.V363) + Sum(batch.V364) + Sum(batch.V365) + Sum(batch.V366) + Sum(batch.V367) + Sum(batch.V368) + Sum(batch.V369);
        sum += Sum(batch.V370) + Sum(batch.V371) + Sum(batch.V372) + Sum(batch.V373) + Sum(batch.V374) + Sum(batch.V375) + Sum(batch.V376) + Sum(batch.V377) + Sum(batch.V378) + Sum(batch.V379);
        sum += Sum(batch.V380) + Sum(batch.V381) + Sum(batch.V382) + Sum(batch.V383) + Sum(batch.V384) + Sum(batch.V385) + Sum(batch.V386) + Sum(batch.V387) + Sum(batch.V388) + Sum(batch.V389);
        sum += Sum(batch.V390) + Sum(batch.V391) + Sum(batch.V392) + Sum(batch.V393) + Sum(batch.V394) + Sum(batch.V395) + Sum(batch.V396) + Sum(batch.V397) + Sum(batch.V398) + Sum(batch.V399);
        sum += Sum(batch.V400) + Sum(batch.V401) + Sum(batch.V402) + Sum(batch.V403) + Sum(batch.V404) + Sum(batch.V405) + Sum(batch.V406) + Sum(batch.V407) + Sum(batch.V408) + Sum(batch.V409);
        sum += Sum(batch.V410) + Sum(batch.V411) + Sum(batch.V412) + Sum(batch.V413) + Sum(batch.V414) + Sum(batch.V415) + Sum(batch.V416) + Sum(batch.V417) + Sum(batch.V418) + Sum(batch.V419);
        sum += Sum(batch.V420) + Sum(batch.V421) + Sum(batch.V422) + Sum(batch.V423) + Sum(batch.V424) + Sum(batch.V425) + Sum(batch.V426) + Sum(batch.V427) + Sum(batch.V428) + Sum(batch.V429);
        sum += Sum(batch.V430) + Sum(batch.V431) + Sum(batch.V432) + Sum(batch.V433) + Sum(batch.V434) + Sum(batch.V435) + Sum(batch.V436) + Sum(batch.V437) + Sum(batch.V438) + Sum(batch.V439);
        sum += Sum(batch.V440) + Sum(batch.V441) + Sum(batch.V442) + Sum(batch.V443) + Sum(batch.V444) + Sum(batch.V445) + Sum(batch.V446) + Sum(batch.V447) + Sum(batch.V448) + Sum(batch.V449);
        sum += Sum(batch.V450) + Sum(batch.V451) + Sum(batch.V452) + Sum(batch.V453) + Sum(batch.V454) + Sum(batch.V455) + Sum(batch.V456) + Sum(batch.V457) + Sum(batch.V458) + Sum(batch.V459);
        sum += Sum(batch.V460) + Sum(batch.V461) + Sum(batch.V462) + Sum(batch.V463) + Sum(batch.V464) + Sum(batch.V465) + Sum(batch.V466) + Sum(batch.V467) + Sum(batch.V468) + Sum(batch.V469);
        sum += Sum(batch.V470) + Sum(batch.V471) + Sum(batch.V472) + Sum(batch.V473) + Sum(batch.V474) + Sum(batch.V475) + Sum(batch.V476) + Sum(batch.V477) + Sum(batch.V478) + Sum(batch.V479);
        sum += Sum(batch.V480) + Sum(batch.V481) + Sum(batch.V482) + Sum(batch.V483) + Sum(batch.V484) + Sum(batch.V485) + Sum(batch.V486) + Sum(batch.V487) + Sum(batch.V488) + Sum(batch.V489);
        sum += Sum(batch.V490) + Sum(batch.V491) + Sum(batch.V492) + Sum(batch.V493) + Sum(batch.V494) + Sum(batch.V495) + Sum(batch.V496) + Sum(batch.V497) + Sum(batch.V498) + Sum(batch.V499);
        sum += Sum(batch.V500) + Sum(batch.V501) + Sum(batch.V502) + Sum(batch.V503) + Sum(batch.V504) + Sum(batch.V505) + Sum(batch.V506) + Sum(batch.V507) + Sum(batch.V508) + Sum(batch.V509);
        sum += Sum(batch.V510) + Sum(batch.V511) + Sum(batch.V512) + Sum(batch.V513) + Sum(batch.V514) + Sum(batch.V515) + Sum(batch.V516) + Sum(batch.V517) + Sum(batch.V518) + Sum(batch.V519);
        sum += Sum(batch.V520) + Sum(batch.V521) + Sum(batch.V522) + Sum(batch.V523) + Sum(batch.V524) + Sum(batch.V525) + Sum(batch.V526) + Sum(batch.V527) + Sum(batch.V528) + Sum(batch.V529);
        sum += Sum(batch.V530) + Sum(batch.V531) + Sum(batch.V532) + Sum(batch.V533) + Sum(batch.V534) + Sum(batch.V535) + Sum(batch.V536) + Sum(batch.V537) + Sum(batch.V538) + Sum(batch.V539);
        sum += Sum(batch.V540) + Sum(batch.V541) + Sum(batch.V542) + Sum(batch.V543) + Sum(batch.V544) + Sum(batch.V545) + Sum(batch.V546) + Sum(batch.V547) + Sum(batch.V548) + Sum(batch.V549);
        sum += Sum(batch.V550) + Sum(batch.V551) + Sum(batch.V552) + Sum(batch.V553) + Sum(batch.V554) + Sum(batch.V555) + Sum(batch.V556) + Sum(batch.V557) + Sum(batch.V558) + Sum(batch.V559);
        sum += Sum(batch.V560) + Sum(batch.V561) + Sum(batch.V562) + Sum(batch.V563) + Sum(batch.V564) + Sum(batch.V565) + Sum(batch.V566) + Sum(batch.V567) + Sum(batch.V568) + Sum(batch.V569);
        sum += Sum(batch.V570) + Sum(batch.V571) + Sum(batch.V572) + Sum(batch.V573) + Sum(batch.V574) + Sum(batch.V575) + Sum(batch.V576) + Sum(batch.V577) + Sum(batch.V578) + Sum(batch.V579);
        sum += Sum(batch.V580) + Sum(batch.V581) + Sum(batch.V582) + Sum(batch.V583) + Sum(batch.V584) + Sum(batch.V585) + Sum(batch.V586) + Sum(batch.V587) + Sum(batch.V588) + Sum(batch.V589);
        sum += Sum(batch.V590) + Sum(batch.V591) + Sum(batch.V592) + Sum(batch.V593) + Sum(batch.V594) + Sum(batch.V595) + Sum(batch.V596) + Sum(batch.V597) + Sum(batch.V598) + Sum(batch.V599);
        sum += Sum(batch.V600) + Sum(batch.V601) + Sum(batch.V602) + Sum(batch.V603) + Sum(batch.V604) + Sum(batch.V605) + Sum(batch.V606) + Sum(batch.V607) + Sum(batch.V608) + Sum(batch.V609);
        sum += Sum(batch.V610) + Sum(batch.V611) + Sum(batch.V612) + Sum(batch.V613) + Sum(batch.V614) + Sum(batch.V615) + Sum(batch.V616) + Sum(batch.V617) + Sum(batch.V618) + Sum(batch.V619);
        sum += Sum(batch.V620) + Sum(batch.V621) + Sum(batch.V622) + Sum(batch.V623) + Sum(batch.V624) + Sum(batch.V625) + Sum(batch.V626) + Sum(batch.V627) + Sum(batch.V628) + Sum(batch.V629);
        sum += Sum(batch.V630) + Sum(batch.V631) + Sum(batch.V632) + Sum(batch.V633) + Sum(batch.V634) + Sum(batch.V635) + Sum(batch.V636) + Sum(batch.V637) + Sum(batch.V638) + Sum(batch.V639);
        sum += Sum(batch.V640) + Sum(batch.V641) + Sum(batch.V642) + Sum(batch.V643) + Sum(batch.V644) + Sum(batch.V645) + Sum(batch.V646) + Sum(batch.V647) + Sum(batch.V648) + Sum(batch.V649);
        sum += Sum(batch.V650) + Sum(batch.V651) + Sum(batch.V652) + Sum(batch.V653) + Sum(batch.V654) + Sum(batch.V655) + Sum(batch.V656) + Sum(batch.V657) + Sum(batch.V658) + Sum(batch.V659);
        sum += Sum(batch.V660) + Sum(batch.V661) + Sum(batch.V662) + Sum(batch.V663) + Sum(batch.V664) + Sum(batch.V665) + Sum(batch.V666) + Sum(batch.V667) + Sum(batch.V668) + Sum(batch.V669);
        sum += Sum(batch.V670) + Sum(batch.V671) + Sum(batch.V672) + Sum(batch.V673) + Sum(batch.V674) + Sum(batch.V675) + Sum(batch.V676) + Sum(batch.V677) + Sum(batch.V678) + Sum(batch.V679);
        sum += Sum(batch.V680) + Sum(batch.V681) + Sum(batch.V682) + Sum(batch.V683) + Sum(batch.V684) + Sum(batch.V685) + Sum(batch.V686) + Sum(batch.V687) + Sum(batch.V688) + Sum(batch.V689);
        sum += Sum(batch.V690) + Sum(batch.V691) + Sum(batch.V692) + Sum(batch.V693) + Sum(batch.V694) + Sum(batch.V695) + Sum(batch.V696) + Sum(batch.V697) + Sum(batch.V698) + Sum(batch.V699);
        sum += Sum(batch.V700) + Sum(batch.V701) + Sum(batch.V702) + Sum(batch.V703) + Sum(batch.V704) + Sum(batch.V705) + Sum(batch.V706) + Sum(batch.V707) + Sum(batch.V708) + Sum(batch.V709);
        sum += Sum(batch.V710) + Sum(batch.V711) + Sum(batch.V712) + Sum(batch.V713) + Sum(batch.V714) + Sum(batch.V715) + Sum(batch.V716) + Sum(batch.V717) + Sum(batch.V718) + Sum(batch.V719);
        sum += Sum(batch.V720) + Sum(batch.V721) + Sum(batch.V722) + Sum(batch.V723) + Sum(batch.V724) + Sum(batch.V725) + Sum(batch.V726) + Sum(batch.V727) + Sum(batch.V728) + Sum(batch.V729);
        sum += Sum(batch.V730) + Sum(batch.V731) + Sum(batch.V732) + Sum(batch.V733) + Sum(batch.V734) + Sum(batch.V735) + Sum(batch.V736) + Sum(batch.V737) + Sum(batch.V738) + Sum(batch.V739);
        sum += Sum(batch.V740) + Sum(batch.V741) + Sum(batch.V742) + Sum(batch.V743) + Sum(batch.V744) + Sum(batch.V745) + Sum(batch.V746) + Sum(batch.V747) + Sum(batch.V748) + Sum(batch.V749);
        sum += Sum(batch.V750) + Sum(batch.V751) + Sum(batch.V752) + Sum(batch.V753) + Sum(batch.V754) + Sum(batch.V755) + Sum(batch.V756) + Sum(batch.V757) + Sum(batch.V758) + Sum(batch.V759);
        sum += Sum(batch.V760) + Sum(batch.V761) + Sum(batch.V762) + Sum(batch.V763) + Sum(batch.V764) + Sum(batch.V765) + Sum(batch.V766) + Sum(batch.V767) + Sum(batch.V768) + Sum(batch.V769);
        sum += Sum(batch.V770) + Sum(batch.V771) + Sum(batch.V772) + Sum(batch.V773) + Sum(batch.V774) + Sum(batch.V775) + Sum(batch.V776) + Sum(batch.V777) + Sum(batch.V778) + Sum(batch.V779);
        sum += Sum(batch.V780) + Sum(batch.V781) + Sum(batch.V782) + Sum(batch.V783) + Sum(batch.V784) + Sum(batch.V785) + Sum(batch.V786) + Sum(batch.V787) + Sum(batch.V788) + Sum(batch.V789);
        sum += Sum(batch.V790) + Sum(batch.V791) + Sum(batch.V792) + Sum(batch.V793) + Sum(batch.V794) + Sum(batch.V795) + Sum(batch.V796) + Sum(batch.V797) + Sum(batch.V798) + Sum(batch.V799);
        sum += Sum(batch.V800) + Sum(batch.V801) + Sum(batch.V802) + Sum(batch.V803) + Sum(batch.V804) + Sum(batch.V805) + Sum(batch.V806) + Sum(batch.V807) + Sum(batch.V808) + Sum(batch.V809);
        sum += Sum(batch.V810) + Sum(batch.V811) + Sum(batch.V812) + Sum(batch.V813) + Sum(batch.V814) + Sum(batch.V815) + Sum(batch.V816) + Sum(batch.V817) + Sum(batch.V818) + Sum(batch.V819);
        sum += Sum(batch.V820) + Sum(batch.V821) + Sum(batch.V822) + Sum(batch.V823) + Sum(batch.V824) + Sum(batch.V825) + Sum(batch.V826) + Sum(batch.V827) + Sum(batch.V828) + Sum(batch.V829);
        sum += Sum(batch.V830) + Sum(batch.V831) + Sum(batch.V832) + Sum(batch.V833) + Sum(batch.V834) + Sum(batch.V835) + Sum(batch.V836) + Sum(batch.V837) + Sum(batch.V838) + Sum(batch.V839);
        sum += Sum(batch.V840) + Sum(batch.V841) + Sum(batch.V842) + Sum(batch.V843) + Sum(batch.V844) + Sum(batch.V845) + Sum(batch.V846) + Sum(batch.V847) + Sum(batch.V848) + Sum(batch.V849);
        sum += Sum(batch.V850) + Sum(batch.V851) + Sum(batch.V852) + Sum(batch.V853) + Sum(batch.V854) + Sum(batch.V855) + Sum(batch.V856) + Sum(batch.V857) + Sum(batch.V858) + Sum(batch.V859);
        sum += Sum(batch.V860) + Sum(batch.V861) + Sum(batch.V862) + Sum(batch.V863) + Sum(batch.V864) + Sum(batch.V865) + Sum(batch.V866) + Sum(batch.V867) + Sum(batch.V868) + Sum(batch.V869);
        sum += Sum(batch.V870) + Sum(batch.V871) + Sum(batch.V872) + Sum(batch.V873) + Sum(batch.V874) + Sum(batch.V875) + Sum(batch.V876) + Sum(batch.V877) + Sum(batch.V878) + Sum(batch.V879);
        sum += Sum(batch.V880) + Sum(batch.V881) + Sum(batch.V882) + Sum(batch.V883) + Sum(batch.V884) + Sum(batch.V885) + Sum(batch.V886) + Sum(batch.V887) + Sum(batch.V888) + Sum(batch.V889);
        sum += Sum(batch.V890) + Sum(batch.V891) + Sum(batch.V892) + Sum(batch.V893) + Sum(batch.V894) + Sum(batch.V895) + Sum(batch.V896) + Sum(batch.V897) + Sum(batch.V898) + Sum(batch.V899);
        sum += Sum(batch.V900) + Sum(batch.V901) + Sum(batch.V902) + Sum(batch.V903) + Sum(batch.V904) + Sum(batch.V905) + Sum(batch.V906) + Sum(batch.V907) + Sum(batch.V908) + Sum(batch.V909);
        sum += Sum(batch.V910) + Sum(batch.V911) + Sum(batch.V912) + Sum(batch.V913) + Sum(batch.V914) + Sum(batch.V915) + Sum(batch.V916) + Sum(batch.V917) + Sum(batch.V918) + Sum(batch.V919);
        sum += Sum(batch.V920) + Sum(batch.V921) + Sum(batch.V922) + Sum(batch.V923) + Sum(batch.V924) + Sum(batch.V925) + Sum(batch.V926) + Sum(batch.V927) + Sum(batch.V928) + Sum(batch.V929);
        sum += Sum(batch.V930) + Sum(batch.V931) + Sum(batch.V932) + Sum(batch.V933) + Sum(batch.V934) + Sum(batch.V935) + Sum(batch.V936) + Sum(batch.V937) + Sum(batch.V938) + Sum(batch.V939);
        sum += Sum(batch.V940) + Sum(batch.V941) + Sum(batch.V942) + Sum(batch.V943) + Sum(batch.V944) + Sum(batch.V945) + Sum(batch.V946) + Sum(batch.V947) + Sum(batch.V948) + Sum(batch.V949);
        sum += Sum(batch.V950) + Sum(batch.V951) + Sum(batch.V952) + Sum(batch.V953) + Sum(batch.V954) + Sum(batch.V955) + Sum(batch.V956) + Sum(batch.V957) + Sum(batch.V958) + Sum(batch.V959);
        sum += Sum(batch.V960) + Sum(batch.V961) + Sum(batch.V962) + Sum(batch.V963) + Sum(batch.V964) + Sum(batch.V965) + Sum(batch.V966) + Sum(batch.V967) + Sum(batch.V968) + Sum(batch.V969);
        sum += Sum(batch.V970) + Sum(batch.V971) + Sum(batch.V972) + Sum(batch.V973) + Sum(batch.V974) + Sum(batch.V975) + Sum(batch.V976) + Sum(batch.V977) + Sum(batch.V978) + Sum(batch.V979);
        sum += Sum(batch.V980) + Sum(batch.V981) + Sum(batch.V982) + Sum(batch.V983) + Sum(batch.V984) + Sum(batch.V985) + Sum(batch.V986) + Sum(batch.V987) + Sum(batch.V988) + Sum(batch.V989);
        sum += Sum(batch.V990) + Sum(batch.V991) + Sum(batch.V992) + Sum(batch.V993) + Sum(batch.V994) + Sum(batch.V995) + Sum(batch.V996) + Sum(batch.V997) + Sum(batch.V998) + Sum(batch.V999);
        return sum;
    }
}
