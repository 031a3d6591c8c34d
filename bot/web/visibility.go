package web

import (
	"context"

	"github.com/standardbot/standardbot/checklist"
)

// visible reports whether v may see p: an admin sees every project;
// anyone else a project bound to a channel of their own workspace or
// tenant that they may see (a public channel, or a private one they are
// a member of). When the platform cannot be asked (no adapter for it in
// this process, or the call fails) the channel counts as hidden: a
// project is never shown to someone it should not be.
func (s *Server) visible(ctx context.Context, v *Viewer, p *checklist.Project) bool {
	if v == nil {
		return false
	}
	if v.Admin(s.cfg.Admins) {
		return true
	}
	for _, b := range p.Bindings {
		if b.Platform != v.Platform || b.Team != v.Team {
			continue
		}
		m, ok := s.members[b.Platform]
		if !ok {
			s.log.Warn("cannot tell who may see a channel: no adapter for its platform in this process", "platform", b.Platform, "project", p.ID)
			continue
		}
		ok, err := m.CanSee(ctx, b, v.User)
		if err != nil {
			s.log.Warn("cannot tell who may see a channel", "platform", b.Platform, "channel", b.Channel, "project", p.ID, "err", err)
			continue
		}
		if ok {
			return true
		}
	}
	return false
}

// visibleProjects are the projects v may see, by name.
func (s *Server) visibleProjects(ctx context.Context, v *Viewer) ([]*checklist.Project, error) {
	all, err := s.cfg.Store.Projects(ctx, checklist.ProjectFilter{})
	if err != nil {
		return nil, err
	}
	var out []*checklist.Project
	for _, p := range all {
		if s.visible(ctx, v, p) {
			out = append(out, p)
		}
	}
	return out, nil
}
