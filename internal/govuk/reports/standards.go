package reports

// The standards a report can follow, told apart by how many points they
// have and, where a report does not say, by the titles of its points.
const (
	standardGOVUK   = "govuk"   // the Service Standard, 14 points, from 2019
	standardDSS2015 = "dss2015" // the Digital Service Standard, 18 points, 2015 to 2019
	// The 26-point Digital by Default Service Standard (2014 to 2015) has no
	// built-in standard: its points are read but not mapped.
)

// pointTitles are the points' titles in each standard, by number from 1.
var pointTitles = map[int][]string{
	14: {
		"Understand users and their needs", "Solve a whole problem for users",
		"Provide a joined-up experience across all channels", "Make the service simple to use",
		"Make sure everyone can use the service", "Have a multidisciplinary team", "Use agile ways of working",
		"Iterate and improve frequently", "Create a secure service which protects users' privacy",
		"Define what success looks like and publish performance data", "Choose the right tools and technology",
		"Make new source code open", "Use and contribute to open standards, common components and patterns",
		"Operate a reliable service",
	},
	18: {
		"Understand user needs", "Do ongoing user research", "Have a multidisciplinary team", "Use agile methods",
		"Iterate and improve frequently", "Evaluate tools and systems", "Understand security and privacy issues",
		"Make all new source code open", "Use open standards and common platforms", "Test the end-to-end service",
		"Make a plan for being offline", "Make sure users succeed first time",
		"Make the user experience consistent with GOV.UK", "Encourage everyone to use the digital service",
		"Collect performance data", "Identify performance indicators",
		"Report performance data on the Performance Platform", "Test with the minister",
	},
}

// standardID is the built-in standard of a number of points, "" for 26.
func standardID(points int) string {
	switch points {
	case 14:
		return standardGOVUK
	case 18:
		return standardDSS2015
	}
	return ""
}

// titleMatches counts the points whose title is that point's title in
// the standard of that many points (folded, or one holding the other, as
// reports shorten and lengthen them).
func titleMatches(points int, outcomes map[int]string) int {
	titles := pointTitles[points]
	n := 0
	for num, title := range outcomes {
		if num < 1 || num > len(titles) || title == "" {
			continue
		}
		a, b := fold(title), fold(titles[num-1])
		if a == b || (len(a) > 10 && len(b) > 10 && (hasWord(a, b) || hasWord(b, a))) {
			n++
		}
	}
	return n
}

// standardOf decides which standard a report follows, from what it says
// ("the 26 points"), else its points' titles, else a point beyond 18,
// which only the 26-point standard has. 0 when none of these tells.
func standardOf(named int, titles map[int]string, highest int) int {
	if named != 0 {
		return named
	}
	m14, m18 := titleMatches(14, titles), titleMatches(18, titles)
	switch {
	case m14 > m18 && 2*m14 >= countTitled(titles):
		return 14
	case m18 > m14 && 2*m18 >= countTitled(titles):
		return 18
	case highest > 18:
		return 26
	}
	return 0
}

func countTitled(titles map[int]string) int {
	n := 0
	for _, t := range titles {
		if t != "" {
			n++
		}
	}
	return n
}
