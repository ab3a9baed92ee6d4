package notes

import (
	"slices"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

func TestConditionRule(t *testing.T) {
	conds := []string{"teacher", "student", "answers"}
	teacher := newEdition(Options{Conditions: conds, Include: []string{"teacher", "answers"}})
	student := newEdition(Options{Conditions: conds, Include: []string{"student"}, Exclude: []string{"answers"}})
	studentByExclusion := newEdition(Options{Conditions: conds, Exclude: []string{"answers"}})
	byDefault := newEdition(Options{Conditions: conds})
	teacherNoAnswers := newEdition(Options{Conditions: conds, Include: []string{"teacher"}, Exclude: []string{"answers"}})

	cases := []struct {
		tags                                   []string
		teacher, student, studentEx, def, tNoA bool
	}{
		{nil, true, true, true, true, true},
		{[]string{"aside"}, true, true, true, true, true}, // styling, not a condition
		{[]string{"teacher"}, true, false, false, false, true},
		{[]string{"student"}, false, true, false, false, false},
		{[]string{"answers"}, true, false, false, false, false},
		{[]string{"teacher", "answers"}, true, false, false, false, false},
		{[]string{"teacher", "student"}, true, true, false, false, true},
		{[]string{"aside", "teacher"}, true, false, false, false, true},
	}
	for _, c := range cases {
		name := strings.Join(c.tags, ",")
		for _, ed := range []struct {
			name string
			ed   edition
			want bool
		}{
			{"teacher", teacher, c.teacher},
			{"student", student, c.student},
			{"student by exclusion", studentByExclusion, c.studentEx},
			{"default", byDefault, c.def},
			{"teacher without answers", teacherNoAnswers, c.tNoA},
		} {
			if got := ed.ed.keeps(c.tags); got != ed.want {
				t.Errorf("%s edition keeps [%s] = %v, want %v", ed.name, name, got, ed.want)
			}
		}
	}
}

// conditionalBook has unconditional, teacher-only and answer content at
// every level: entries, a part, blocks, list items, notes' blocks.
func conditionalBook() *doc.Book {
	fn := footnote("lesson.md", 20, "f", para("lesson.md", 20, txt("Shared note.")),
		div([]string{"answers"}, para("lesson.md", 21, txt("Answer in a note."))))
	lesson := chapter("lesson.md",
		heading("lesson.md", 1, 1, "lesson", txt("Lesson")),
		para("lesson.md", 3, txt("For everyone"), ref(fn), txt(".")),
		div([]string{"teacher"}, para("lesson.md", 5, txt("Teaching tip."))),
		&doc.List{Items: []*doc.ListItem{
			{Blocks: []doc.Block{para("lesson.md", 7, txt("Question one."))}},
			{Blocks: []doc.Block{div([]string{"answers"}, para("lesson.md", 8, txt("Answer one.")))}},
		}},
		&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{div([]string{"answers"}, para("lesson.md", 10, txt("Only answers.")))}}}},
	)
	lesson.Notes = []*doc.Note{fn}
	key := chapter("key.md", heading("key.md", 1, 1, "key", txt("Answer key")))
	key.Tags = []string{"answers"}
	guide := chapter("guide.md", heading("guide.md", 1, 1, "guide", txt("Teacher's guide")))
	guide.Tags = []string{"teacher"}
	part := &doc.Entry{Kind: doc.KindPart, Title: []doc.Inline{txt("For teachers")}, Children: []*doc.Entry{guide}}
	return &doc.Book{Meta: doc.Meta{Title: "Lessons", Language: "en"}, Entries: []*doc.Entry{lesson, part, key}}
}

func TestConditionsInEditions(t *testing.T) {
	conds := []string{"teacher", "answers"}
	cases := []struct {
		name    string
		opts    Options
		entries []string
		text    []string
	}{
		{
			name:    "teacher",
			opts:    Options{Conditions: conds, Include: []string{"teacher", "answers"}},
			entries: []string{"lesson", "for-teachers", "guide", "key"},
			text:    []string{"Lesson", "For everyone.", "Teaching tip.", "Question one.", "Answer one.", "Only answers.", "Shared note.", "Answer in a note.", "Teacher’s guide", "Answer key"},
		},
		{
			name:    "student",
			opts:    Options{Conditions: conds, Exclude: []string{"answers"}},
			entries: []string{"lesson"},
			text:    []string{"Lesson", "For everyone.", "Question one.", "Shared note."},
		},
		{
			name:    "default",
			opts:    Options{Conditions: conds},
			entries: []string{"lesson"},
			text:    []string{"Lesson", "For everyone.", "Question one.", "Shared note."},
		},
		{
			name:    "no conditions declared: every tag is styling",
			opts:    Options{},
			entries: []string{"lesson", "for-teachers", "guide", "key"},
			text:    []string{"Lesson", "For everyone.", "Teaching tip.", "Question one.", "Answer one.", "Only answers.", "Shared note.", "Answer in a note.", "Teacher’s guide", "Answer key"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := conditionalBook()
			warns, err := Resolve(b, Input{ParseMarkdown: fakeMarkdown, Options: c.opts})
			if err != nil || len(warns) > 0 {
				t.Fatalf("Resolve: %v %q", err, warns)
			}
			var ids, text []string
			for _, e := range b.Chapters() {
				ids = append(ids, e.ID)
				for _, blocks := range entryBlockSets(e) {
					doc.Walk(blocks, doc.Visitor{Block: func(b doc.Block) bool {
						if s := doc.BlockText(b); s != "" {
							text = append(text, s)
						}
						return true
					}})
				}
			}
			if !slices.Equal(ids, c.entries) {
				t.Errorf("entries %q, want %q", ids, c.entries)
			}
			if !slices.Equal(text, c.text) {
				t.Errorf("text %q, want %q", text, c.text)
			}
		})
	}
}

func TestEntryIDsAreTheSameInEveryEdition(t *testing.T) {
	ids := func(opts Options) map[string]string {
		b := conditionalBook()
		b.Entries = append([]*doc.Entry{chapter("key.md", heading("key.md", 1, 1, "k", txt("Another key")))}, b.Entries...)
		if _, err := Resolve(b, Input{Options: opts}); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, e := range b.Chapters() {
			out[e.TitleText()] = e.ID
		}
		return out
	}
	teacher := ids(Options{Conditions: []string{"teacher", "answers"}, Include: []string{"teacher", "answers"}})
	student := ids(Options{Conditions: []string{"teacher", "answers"}})
	for title, id := range student {
		if teacher[title] != id {
			t.Errorf("%q is %q in the student edition but %q in the teacher's", title, id, teacher[title])
		}
	}
	if teacher["Answer key"] != "key-2" {
		t.Errorf("second key.md entry is %q, want key-2", teacher["Answer key"])
	}
}
