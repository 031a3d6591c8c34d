package storeutil

import "github.com/standardbot/standardbot/checklist"

// AppendProject adds to out one row of a project joined to one of its
// bindings, the form both stores read projects in: a project with n
// channels is n rows, one after another. out holds the projects of the
// rows before. A row of the last project in out adds its binding to it;
// any other row starts a project, as ProjectFrom does.
func AppendProject(out []*checklist.Project, p checklist.Project, b checklist.Binding, phase, assessment string, reminders *string) ([]*checklist.Project, error) {
	if n := len(out); n > 0 && out[n-1].ID == p.ID {
		out[n-1].Bindings = append(out[n-1].Bindings, b)
		return out, nil
	}
	q, err := ProjectFrom(p, phase, assessment, reminders)
	if err != nil {
		return nil, err
	}
	q.Bindings = []checklist.Binding{b}
	return append(out, q), nil
}

// ProjectFrom is a project read from a row: p's plain columns and the
// stored forms of the rest, phase, assessment (YYYY-MM-DD or "") and
// reminders (see RemindersValue). Its bindings are the caller's to add.
func ProjectFrom(p checklist.Project, phase, assessment string, reminders *string) (*checklist.Project, error) {
	p.Phase = checklist.Phase(phase)
	p.Schedule.Reminders = RemindersFrom(reminders)
	if assessment != "" {
		var err error
		if p.Assessment, err = checklist.ParseDate(assessment); err != nil {
			return nil, err
		}
	}
	return &p, nil
}
