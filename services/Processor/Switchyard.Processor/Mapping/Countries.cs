using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Switchyard.Processor.Mapping;

/// <summary>A country: its ISO 3166-1 codes, its international calling code and the names people write for it.</summary>
/// <param name="Alpha2">ISO 3166-1 alpha-2, e.g. <c>GB</c>.</param>
/// <param name="Alpha3">ISO 3166-1 alpha-3, e.g. <c>GBR</c>.</param>
/// <param name="CallingCode">The ITU calling code without <c>+</c>, e.g. <c>44</c>; null for territories without one.</param>
/// <param name="Name">The English short name.</param>
/// <param name="OtherNames">Official long names, abbreviations, former and local names.</param>
public sealed record Country(string Alpha2, string Alpha3, string? CallingCode, string Name, IReadOnlyList<string> OtherNames);

/// <summary>
/// Turns what a HubSpot <c>country</c> property holds (a code or a name, in any case and spelling found in CRMs) into
/// the ISO 3166-1 alpha-2 code Partner Central wants.
/// </summary>
/// <remarks>
/// Globalization-invariant mode leaves no culture data to ask (no <c>RegionInfo</c>), so the table is Switchyard's:
/// ISO 3166-1 as Partner Central lists it, plus Kosovo (<c>XK</c>) and North Korea (<c>KP</c>), which are recognised so
/// that they can be refused rather than guessed at.
/// </remarks>
public static class Countries
{
    /// <summary>Every country Switchyard knows, in alpha-2 order.</summary>
    public static readonly IReadOnlyList<Country> All =
    [
        C("AD", "AND", "376", "Andorra"),
        C("AE", "ARE", "971", "United Arab Emirates", "UAE", "U.A.E.", "Emirates"),
        C("AF", "AFG", "93", "Afghanistan", "Islamic Republic of Afghanistan"),
        C("AG", "ATG", "1", "Antigua and Barbuda", "Antigua"),
        C("AI", "AIA", "1", "Anguilla"),
        C("AL", "ALB", "355", "Albania", "Shqipëria"),
        C("AM", "ARM", "374", "Armenia"),
        C("AN", "ANT", "599", "Netherlands Antilles"),
        C("AO", "AGO", "244", "Angola"),
        C("AQ", "ATA", "672", "Antarctica"),
        C("AR", "ARG", "54", "Argentina", "Argentine Republic"),
        C("AS", "ASM", "1", "American Samoa"),
        C("AT", "AUT", "43", "Austria", "Österreich", "Republic of Austria"),
        C("AU", "AUS", "61", "Australia", "Commonwealth of Australia"),
        C("AW", "ABW", "297", "Aruba"),
        C("AX", "ALA", "358", "Åland Islands", "Aland", "Åland"),
        C("AZ", "AZE", "994", "Azerbaijan"),
        C("BA", "BIH", "387", "Bosnia and Herzegovina", "Bosnia", "Bosnia-Herzegovina", "BiH"),
        C("BB", "BRB", "1", "Barbados"),
        C("BD", "BGD", "880", "Bangladesh"),
        C("BE", "BEL", "32", "Belgium", "Belgique", "België", "Belgien", "Kingdom of Belgium"),
        C("BF", "BFA", "226", "Burkina Faso"),
        C("BG", "BGR", "359", "Bulgaria"),
        C("BH", "BHR", "973", "Bahrain", "Kingdom of Bahrain"),
        C("BI", "BDI", "257", "Burundi"),
        C("BJ", "BEN", "229", "Benin"),
        C("BL", "BLM", "590", "Saint Barthélemy", "St Barthélemy", "St. Barts", "St Barts", "Saint Barts"),
        C("BM", "BMU", "1", "Bermuda"),
        C("BN", "BRN", "673", "Brunei", "Brunei Darussalam"),
        C("BO", "BOL", "591", "Bolivia", "Plurinational State of Bolivia", "Bolivia, Plurinational State of"),
        C("BQ", "BES", "599", "Bonaire, Sint Eustatius and Saba", "Caribbean Netherlands", "Bonaire", "Sint Eustatius", "Saba"),
        C("BR", "BRA", "55", "Brazil", "Brasil", "Federative Republic of Brazil"),
        C("BS", "BHS", "1", "Bahamas", "Commonwealth of the Bahamas"),
        C("BT", "BTN", "975", "Bhutan"),
        C("BV", "BVT", null, "Bouvet Island"),
        C("BW", "BWA", "267", "Botswana"),
        C("BY", "BLR", "375", "Belarus", "Byelorussia"),
        C("BZ", "BLZ", "501", "Belize"),
        C("CA", "CAN", "1", "Canada"),
        C("CC", "CCK", "61", "Cocos (Keeling) Islands", "Cocos Islands", "Keeling Islands"),
        C("CD", "COD", "243", "Democratic Republic of the Congo", "Congo, Democratic Republic of the", "Congo, The Democratic Republic of the", "DR Congo", "DRC", "D.R.C.", "Congo-Kinshasa", "Zaire"),
        C("CF", "CAF", "236", "Central African Republic", "CAR"),
        C("CG", "COG", "242", "Congo", "Republic of the Congo", "Congo-Brazzaville", "Congo Republic"),
        C("CH", "CHE", "41", "Switzerland", "Schweiz", "Suisse", "Svizzera", "Swiss Confederation"),
        C("CI", "CIV", "225", "Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"),
        C("CK", "COK", "682", "Cook Islands"),
        C("CL", "CHL", "56", "Chile"),
        C("CM", "CMR", "237", "Cameroon"),
        C("CN", "CHN", "86", "China", "People's Republic of China", "PRC", "P.R.C.", "P.R. China", "PR China", "Mainland China"),
        C("CO", "COL", "57", "Colombia"),
        C("CR", "CRI", "506", "Costa Rica"),
        C("CU", "CUB", "53", "Cuba"),
        C("CV", "CPV", "238", "Cabo Verde", "Cape Verde"),
        C("CW", "CUW", "599", "Curaçao", "Curacao"),
        C("CX", "CXR", "61", "Christmas Island"),
        C("CY", "CYP", "357", "Cyprus"),
        C("CZ", "CZE", "420", "Czechia", "Czech Republic", "Česko", "Česká republika"),
        C("DE", "DEU", "49", "Germany", "Deutschland", "Federal Republic of Germany"),
        C("DJ", "DJI", "253", "Djibouti"),
        C("DK", "DNK", "45", "Denmark", "Danmark", "Kingdom of Denmark"),
        C("DM", "DMA", "1", "Dominica"),
        C("DO", "DOM", "1", "Dominican Republic"),
        C("DZ", "DZA", "213", "Algeria"),
        C("EC", "ECU", "593", "Ecuador"),
        C("EE", "EST", "372", "Estonia", "Eesti"),
        C("EG", "EGY", "20", "Egypt", "Arab Republic of Egypt"),
        C("EH", "ESH", "212", "Western Sahara"),
        C("ER", "ERI", "291", "Eritrea"),
        C("ES", "ESP", "34", "Spain", "España", "Espana", "Kingdom of Spain"),
        C("ET", "ETH", "251", "Ethiopia"),
        C("FI", "FIN", "358", "Finland", "Suomi", "Republic of Finland"),
        C("FJ", "FJI", "679", "Fiji"),
        C("FK", "FLK", "500", "Falkland Islands", "Falkland Islands (Malvinas)", "Malvinas", "Falklands"),
        C("FM", "FSM", "691", "Micronesia", "Federated States of Micronesia", "Micronesia, Federated States of"),
        C("FO", "FRO", "298", "Faroe Islands", "Faeroe Islands", "Faroes"),
        C("FR", "FRA", "33", "France", "French Republic"),
        C("GA", "GAB", "241", "Gabon"),
        C("GB", "GBR", "44", "United Kingdom", "United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"),
        C("GD", "GRD", "1", "Grenada"),
        C("GE", "GEO", "995", "Georgia"),
        C("GF", "GUF", "594", "French Guiana"),
        C("GG", "GGY", "44", "Guernsey"),
        C("GH", "GHA", "233", "Ghana"),
        C("GI", "GIB", "350", "Gibraltar"),
        C("GL", "GRL", "299", "Greenland"),
        C("GM", "GMB", "220", "Gambia", "Republic of the Gambia"),
        C("GN", "GIN", "224", "Guinea"),
        C("GP", "GLP", "590", "Guadeloupe"),
        C("GQ", "GNQ", "240", "Equatorial Guinea"),
        C("GR", "GRC", "30", "Greece", "Hellas", "Hellenic Republic"),
        C("GS", "SGS", "500", "South Georgia and the South Sandwich Islands", "South Georgia"),
        C("GT", "GTM", "502", "Guatemala"),
        C("GU", "GUM", "1", "Guam"),
        C("GW", "GNB", "245", "Guinea-Bissau"),
        C("GY", "GUY", "592", "Guyana"),
        C("HK", "HKG", "852", "Hong Kong", "Hong Kong SAR", "Hong Kong SAR China", "Hong Kong, China", "HKSAR"),
        C("HM", "HMD", null, "Heard Island and McDonald Islands"),
        C("HN", "HND", "504", "Honduras"),
        C("HR", "HRV", "385", "Croatia", "Hrvatska"),
        C("HT", "HTI", "509", "Haiti"),
        C("HU", "HUN", "36", "Hungary", "Magyarország"),
        C("ID", "IDN", "62", "Indonesia"),
        C("IE", "IRL", "353", "Ireland", "Republic of Ireland", "Éire", "Eire"),
        C("IL", "ISR", "972", "Israel", "State of Israel"),
        C("IM", "IMN", "44", "Isle of Man"),
        C("IN", "IND", "91", "India", "Republic of India", "Bharat"),
        C("IO", "IOT", "246", "British Indian Ocean Territory"),
        C("IQ", "IRQ", "964", "Iraq"),
        C("IR", "IRN", "98", "Iran", "Islamic Republic of Iran", "Iran, Islamic Republic of"),
        C("IS", "ISL", "354", "Iceland", "Ísland"),
        C("IT", "ITA", "39", "Italy", "Italia", "Italian Republic"),
        C("JE", "JEY", "44", "Jersey"),
        C("JM", "JAM", "1", "Jamaica"),
        C("JO", "JOR", "962", "Jordan"),
        C("JP", "JPN", "81", "Japan", "Nippon", "Nihon"),
        C("KE", "KEN", "254", "Kenya"),
        C("KG", "KGZ", "996", "Kyrgyzstan", "Kyrgyz Republic"),
        C("KH", "KHM", "855", "Cambodia", "Kampuchea"),
        C("KI", "KIR", "686", "Kiribati"),
        C("KM", "COM", "269", "Comoros"),
        C("KN", "KNA", "1", "Saint Kitts and Nevis", "St Kitts and Nevis", "St. Kitts and Nevis", "Saint Kitts", "St Kitts", "St. Kitts"),
        C("KP", "PRK", "850", "North Korea", "Democratic People's Republic of Korea", "Korea, Democratic People's Republic of", "DPRK", "D.P.R.K."),
        C("KR", "KOR", "82", "South Korea", "Republic of Korea", "Korea, Republic of", "Korea", "Korea (South)", "ROK"),
        C("KW", "KWT", "965", "Kuwait"),
        C("KY", "CYM", "1", "Cayman Islands", "Caymans"),
        C("KZ", "KAZ", "7", "Kazakhstan", "Qazaqstan"),
        C("LA", "LAO", "856", "Laos", "Lao People's Democratic Republic", "Lao PDR", "Lao"),
        C("LB", "LBN", "961", "Lebanon"),
        C("LC", "LCA", "1", "Saint Lucia", "St Lucia", "St. Lucia"),
        C("LI", "LIE", "423", "Liechtenstein"),
        C("LK", "LKA", "94", "Sri Lanka", "Ceylon"),
        C("LR", "LBR", "231", "Liberia"),
        C("LS", "LSO", "266", "Lesotho"),
        C("LT", "LTU", "370", "Lithuania", "Lietuva"),
        C("LU", "LUX", "352", "Luxembourg", "Luxemburg", "Lëtzebuerg"),
        C("LV", "LVA", "371", "Latvia", "Latvija"),
        C("LY", "LBY", "218", "Libya", "Libyan Arab Jamahiriya"),
        C("MA", "MAR", "212", "Morocco", "Maroc", "Kingdom of Morocco"),
        C("MC", "MCO", "377", "Monaco"),
        C("MD", "MDA", "373", "Moldova", "Republic of Moldova", "Moldova, Republic of"),
        C("ME", "MNE", "382", "Montenegro", "Crna Gora"),
        C("MF", "MAF", "590", "Saint Martin", "Saint Martin (French part)", "St Martin", "St. Martin"),
        C("MG", "MDG", "261", "Madagascar"),
        C("MH", "MHL", "692", "Marshall Islands"),
        C("MK", "MKD", "389", "North Macedonia", "Macedonia", "Republic of North Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia", "Macedonia, the Former Yugoslav Republic of"),
        C("ML", "MLI", "223", "Mali"),
        C("MM", "MMR", "95", "Myanmar", "Burma"),
        C("MN", "MNG", "976", "Mongolia"),
        C("MO", "MAC", "853", "Macao", "Macau", "Macao SAR", "Macau SAR", "Macao SAR China"),
        C("MP", "MNP", "1", "Northern Mariana Islands", "Northern Marianas"),
        C("MQ", "MTQ", "596", "Martinique"),
        C("MR", "MRT", "222", "Mauritania"),
        C("MS", "MSR", "1", "Montserrat"),
        C("MT", "MLT", "356", "Malta"),
        C("MU", "MUS", "230", "Mauritius"),
        C("MV", "MDV", "960", "Maldives"),
        C("MW", "MWI", "265", "Malawi"),
        C("MX", "MEX", "52", "Mexico", "México", "United Mexican States", "Estados Unidos Mexicanos"),
        C("MY", "MYS", "60", "Malaysia"),
        C("MZ", "MOZ", "258", "Mozambique"),
        C("NA", "NAM", "264", "Namibia"),
        C("NC", "NCL", "687", "New Caledonia"),
        C("NE", "NER", "227", "Niger"),
        C("NF", "NFK", "672", "Norfolk Island"),
        C("NG", "NGA", "234", "Nigeria"),
        C("NI", "NIC", "505", "Nicaragua"),
        C("NL", "NLD", "31", "Netherlands", "Nederland", "Holland", "Kingdom of the Netherlands"),
        C("NO", "NOR", "47", "Norway", "Norge", "Noreg", "Kingdom of Norway"),
        C("NP", "NPL", "977", "Nepal"),
        C("NR", "NRU", "674", "Nauru"),
        C("NU", "NIU", "683", "Niue"),
        C("NZ", "NZL", "64", "New Zealand", "Aotearoa"),
        C("OM", "OMN", "968", "Oman"),
        C("PA", "PAN", "507", "Panama", "Panamá"),
        C("PE", "PER", "51", "Peru", "Perú"),
        C("PF", "PYF", "689", "French Polynesia"),
        C("PG", "PNG", "675", "Papua New Guinea"),
        C("PH", "PHL", "63", "Philippines", "Republic of the Philippines", "Pilipinas"),
        C("PK", "PAK", "92", "Pakistan"),
        C("PL", "POL", "48", "Poland", "Polska", "Republic of Poland"),
        C("PM", "SPM", "508", "Saint Pierre and Miquelon", "St Pierre and Miquelon", "St. Pierre and Miquelon"),
        C("PN", "PCN", "64", "Pitcairn", "Pitcairn Islands"),
        C("PR", "PRI", "1", "Puerto Rico"),
        C("PS", "PSE", "970", "Palestine", "State of Palestine", "Palestine, State of", "Palestinian Territories", "Palestinian Territory", "Occupied Palestinian Territory"),
        C("PT", "PRT", "351", "Portugal", "Portuguese Republic"),
        C("PW", "PLW", "680", "Palau"),
        C("PY", "PRY", "595", "Paraguay"),
        C("QA", "QAT", "974", "Qatar"),
        C("RE", "REU", "262", "Réunion", "Reunion"),
        C("RO", "ROU", "40", "Romania", "România", "Roumania"),
        C("RS", "SRB", "381", "Serbia", "Srbija", "Republic of Serbia"),
        C("RU", "RUS", "7", "Russia", "Russian Federation", "Rossiya"),
        C("RW", "RWA", "250", "Rwanda"),
        C("SA", "SAU", "966", "Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"),
        C("SB", "SLB", "677", "Solomon Islands"),
        C("SC", "SYC", "248", "Seychelles"),
        C("SD", "SDN", "249", "Sudan"),
        C("SE", "SWE", "46", "Sweden", "Sverige", "Kingdom of Sweden"),
        C("SG", "SGP", "65", "Singapore", "Republic of Singapore"),
        C("SH", "SHN", "290", "Saint Helena", "Saint Helena, Ascension and Tristan da Cunha", "St Helena", "St. Helena"),
        C("SI", "SVN", "386", "Slovenia", "Slovenija"),
        C("SJ", "SJM", "47", "Svalbard and Jan Mayen", "Svalbard"),
        C("SK", "SVK", "421", "Slovakia", "Slovak Republic", "Slovensko"),
        C("SL", "SLE", "232", "Sierra Leone"),
        C("SM", "SMR", "378", "San Marino"),
        C("SN", "SEN", "221", "Senegal"),
        C("SO", "SOM", "252", "Somalia"),
        C("SR", "SUR", "597", "Suriname", "Surinam"),
        C("SS", "SSD", "211", "South Sudan"),
        C("ST", "STP", "239", "Sao Tome and Principe", "São Tomé and Príncipe"),
        C("SV", "SLV", "503", "El Salvador"),
        C("SX", "SXM", "1", "Sint Maarten", "Sint Maarten (Dutch part)"),
        C("SY", "SYR", "963", "Syria", "Syrian Arab Republic"),
        C("SZ", "SWZ", "268", "Eswatini", "Swaziland", "Kingdom of Eswatini"),
        C("TC", "TCA", "1", "Turks and Caicos Islands", "Turks and Caicos"),
        C("TD", "TCD", "235", "Chad"),
        C("TF", "ATF", null, "French Southern Territories", "French Southern and Antarctic Lands"),
        C("TG", "TGO", "228", "Togo"),
        C("TH", "THA", "66", "Thailand", "Kingdom of Thailand"),
        C("TJ", "TJK", "992", "Tajikistan"),
        C("TK", "TKL", "690", "Tokelau"),
        C("TL", "TLS", "670", "Timor-Leste", "East Timor"),
        C("TM", "TKM", "993", "Turkmenistan"),
        C("TN", "TUN", "216", "Tunisia"),
        C("TO", "TON", "676", "Tonga"),
        C("TR", "TUR", "90", "Türkiye", "Turkey", "Turkiye", "Republic of Türkiye"),
        C("TT", "TTO", "1", "Trinidad and Tobago", "Trinidad"),
        C("TV", "TUV", "688", "Tuvalu"),
        C("TW", "TWN", "886", "Taiwan", "Taiwan, Province of China", "Republic of China", "Chinese Taipei"),
        C("TZ", "TZA", "255", "Tanzania", "United Republic of Tanzania", "Tanzania, United Republic of"),
        C("UA", "UKR", "380", "Ukraine", "Ukraina"),
        C("UG", "UGA", "256", "Uganda"),
        C("UM", "UMI", null, "United States Minor Outlying Islands", "U.S. Minor Outlying Islands", "US Minor Outlying Islands"),
        C("US", "USA", "1", "United States", "United States of America", "USA", "U.S.A.", "U.S.", "America", "US of A", "Estados Unidos"),
        C("UY", "URY", "598", "Uruguay"),
        C("UZ", "UZB", "998", "Uzbekistan"),
        C("VA", "VAT", "39", "Holy See", "Vatican", "Vatican City", "Vatican City State", "Holy See (Vatican City State)"),
        C("VC", "VCT", "1", "Saint Vincent and the Grenadines", "St Vincent and the Grenadines", "St. Vincent and the Grenadines", "Saint Vincent", "St Vincent"),
        C("VE", "VEN", "58", "Venezuela", "Bolivarian Republic of Venezuela", "Venezuela, Bolivarian Republic of"),
        C("VG", "VGB", "1", "British Virgin Islands", "Virgin Islands, British", "BVI"),
        C("VI", "VIR", "1", "United States Virgin Islands", "U.S. Virgin Islands", "US Virgin Islands", "Virgin Islands, U.S.", "USVI"),
        C("VN", "VNM", "84", "Vietnam", "Viet Nam", "Socialist Republic of Vietnam"),
        C("VU", "VUT", "678", "Vanuatu"),
        C("WF", "WLF", "681", "Wallis and Futuna"),
        C("WS", "WSM", "685", "Samoa", "Western Samoa"),
        C("XK", "XKX", "383", "Kosovo"),
        C("YE", "YEM", "967", "Yemen"),
        C("YT", "MYT", "262", "Mayotte"),
        C("ZA", "ZAF", "27", "South Africa", "Republic of South Africa", "RSA", "Suid-Afrika"),
        C("ZM", "ZMB", "260", "Zambia"),
        C("ZW", "ZWE", "263", "Zimbabwe"),
    ];

    static readonly FrozenDictionary<string, Country> ByAlpha2 =
        All.ToFrozenDictionary(c => c.Alpha2, StringComparer.OrdinalIgnoreCase);

    static readonly FrozenDictionary<string, Country> ByAlpha3 =
        All.ToFrozenDictionary(c => c.Alpha3, StringComparer.OrdinalIgnoreCase);

    static readonly FrozenDictionary<string, Country> ByName = BuildNames();

    /// <summary>
    /// The alpha-2 code Partner Central accepts for <paramref name="value"/> (an alpha-2 or alpha-3 code or a name,
    /// any case, accents and punctuation optional), or null when the value names no country Partner Central lists.
    /// </summary>
    public static string? ToAlpha2(string? value) =>
        Find(value) is { } country && PartnerCentralValues.CountryCodes.Contains(country.Alpha2) ? country.Alpha2 : null;

    /// <summary>The country <paramref name="value"/> names (see <see cref="ToAlpha2"/>), whether or not Partner Central lists it.</summary>
    public static Country? Find(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;

        if (text.Length == 2 && ByAlpha2.TryGetValue(text, out var byAlpha2))
            return byAlpha2;
        if (text.Length == 3 && ByAlpha3.TryGetValue(text, out var byAlpha3))
            return byAlpha3;
        return ByName.GetValueOrDefault(NameKey(text));
    }

    /// <summary>
    /// The form names are compared in: letters and digits only, without accents, lower case, <c>&amp;</c> as
    /// <c>and</c>, without a leading "the" ("The Netherlands", "the Gambia").
    /// </summary>
    public static string NameKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '.')
                continue; // "Côte d’Ivoire" = "Cote dIvoire", "U.S.A." = "USA"
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length > 0)
                words.Add(word.ToString());
            word.Clear();
            if (c == '&')
                words.Add("and");
        }

        if (word.Length > 0)
            words.Add(word.ToString());
        if (words.Count > 1 && words[0] == "the")
            words.RemoveAt(0);
        return string.Concat(words);
    }

    static FrozenDictionary<string, Country> BuildNames()
    {
        var byName = new Dictionary<string, Country>(StringComparer.Ordinal);
        foreach (var country in All)
        {
            foreach (var name in country.OtherNames.Prepend(country.Name))
            {
                if (!byName.TryAdd(NameKey(name), country) && byName[NameKey(name)] != country)
                    throw new InvalidOperationException($"'{name}' names both {byName[NameKey(name)].Alpha2} and {country.Alpha2}.");
            }
        }

        return byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    static Country C(string alpha2, string alpha3, string? callingCode, string name, params string[] otherNames) =>
        new(alpha2, alpha3, callingCode, name, otherNames);
}
