//! Who may see and change what. Every handler that touches a community goes through here.

use peerlearn_domain::{
    CommunityId, JoinPolicy, MeetingId, MemberId, QuestionId, RequestId, Role, SubjectKind,
    TopicId, UserId,
};
use peerlearn_store::{Community, Meeting, Question, Request, Store, StoreError, Topic};

use crate::error::AppError;

/// A community as seen by one user, with their membership if any.
#[derive(Debug, Clone)]
pub struct Visible {
    pub community: Community,
    pub membership: Option<(MemberId, Role)>,
}

impl Visible {
    pub fn role(&self) -> Option<Role> {
        self.membership.map(|(_, r)| r)
    }
}

/// The community, if `user` may see it: members always; others only when it is open.
/// An invite-only community is "not found" to non-members, so its existence does not leak.
pub async fn visible(store: &Store, id: CommunityId, user: UserId) -> Result<Visible, AppError> {
    let community = store.community(id).await?;
    let membership = store.membership(id, user).await?;
    if membership.is_none() && community.join_policy == JoinPolicy::Invite {
        return Err(AppError::NotFound("community"));
    }
    remember(store, &community).await?;
    Ok(Visible {
        community,
        membership,
    })
}

/// Notes, for the rest of the request, the language of the community a page is about and how
/// it writes its tags.
pub async fn remember(store: &Store, community: &Community) -> Result<(), AppError> {
    let labels = store.tag_labels(community.id).await?;
    crate::i18n::remember_community(crate::i18n::Lang::of_community(community.language), labels);
    Ok(())
}

/// A member of the community, with their role.
#[derive(Debug, Clone)]
pub struct AsMember {
    pub community: Community,
    pub member: MemberId,
    pub role: Role,
}

/// The community, if `user` is a member (403 for an open community they have not joined).
pub async fn as_member(store: &Store, id: CommunityId, user: UserId) -> Result<AsMember, AppError> {
    let v = visible(store, id, user).await?;
    match v.membership {
        Some((member, role)) => Ok(AsMember {
            community: v.community,
            member,
            role,
        }),
        None => Err(AppError::Forbidden("forbidden-join-first")),
    }
}

/// The community, if `user` is one of its organizers.
pub async fn as_organizer(
    store: &Store,
    id: CommunityId,
    user: UserId,
) -> Result<AsMember, AppError> {
    let m = as_member(store, id, user).await?;
    if !m.role.can_organize() {
        return Err(AppError::Forbidden("forbidden-organizers-only"));
    }
    Ok(m)
}

/// The community, if `user` moderates it (moderators and organizers).
pub async fn as_moderator(
    store: &Store,
    id: CommunityId,
    user: UserId,
) -> Result<AsMember, AppError> {
    let m = as_member(store, id, user).await?;
    if !m.role.can_moderate() {
        return Err(AppError::Forbidden("forbidden-moderators-only"));
    }
    Ok(m)
}

/// Joins `user` to a community: open communities take anyone; invite-only ones need the
/// current invite code (a wrong code answers "not found", like an unknown community).
pub async fn join(
    store: &Store,
    id: CommunityId,
    user: UserId,
    invite_code: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<peerlearn_store::Member, AppError> {
    let community = store.community(id).await?;
    if community.join_policy == JoinPolicy::Invite {
        let code_ok = invite_code.is_some_and(|c| c.trim() == community.invite_code);
        if !code_ok {
            return Err(match store.membership(id, user).await? {
                Some(_) => AppError::conflict(
                    "already_member",
                    "you are already a member of this community",
                ),
                None => AppError::NotFound("community"),
            });
        }
    }
    Ok(store.join_community(id, user, now).await?)
}

/// A topic the caller can see, with whether they may change it (host or organizer). Topics
/// of a community the caller is not in, and topics hidden by a moderator (except to
/// moderators and the host), are "not found".
pub async fn visible_topic(
    store: &Store,
    id: TopicId,
    user: UserId,
) -> Result<(Topic, AsMember, bool), AppError> {
    let topic = store.topic(id).await?;
    let m = as_member(store, topic.community_id, user)
        .await
        .map_err(|e| e.hidden_as("topic"))?;
    if topic.host != m.member
        && !m.role.can_moderate()
        && store
            .hidden(SubjectKind::Topic, topic.id.0)
            .await?
            .is_some()
    {
        return Err(AppError::NotFound("topic"));
    }
    let may_change = topic.host == m.member || m.role.can_organize();
    Ok((topic, m, may_change))
}

/// A topic of an open community `user` has not joined, when a preview may show it (open and
/// not hidden): a shared link then leads to "Join to book" instead of a dead end. `None` when
/// there is nothing to preview (a member, an invite-only community, a closed or hidden topic).
pub async fn topic_preview(
    store: &Store,
    id: TopicId,
    user: UserId,
) -> Result<Option<(Topic, Community)>, AppError> {
    let topic = match store.topic(id).await {
        Ok(t) => t,
        Err(StoreError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let community = store.community(topic.community_id).await?;
    if community.join_policy != JoinPolicy::Open
        || !topic.open
        || store.membership(community.id, user).await?.is_some()
        || store
            .hidden(SubjectKind::Topic, topic.id.0)
            .await?
            .is_some()
    {
        return Ok(None);
    }
    remember(store, &community).await?;
    Ok(Some((topic, community)))
}

/// A meeting the caller can see: its participants and the community's organizers.
pub async fn visible_meeting(
    store: &Store,
    id: MeetingId,
    user: UserId,
) -> Result<(Meeting, AsMember), AppError> {
    let meeting = store.meeting(id).await?;
    let m = as_member(store, meeting.community_id, user)
        .await
        .map_err(|e| e.hidden_as("meeting"))?;
    if !meeting.is_participant(m.member) && !m.role.can_organize() {
        return Err(AppError::NotFound("meeting"));
    }
    Ok((meeting, m))
}

/// A request the caller takes part in, with the caller's member id in its community.
pub async fn own_request(
    store: &Store,
    id: RequestId,
    user: UserId,
) -> Result<(Request, MemberId), AppError> {
    let request = store.request(id).await?;
    match store.membership(request.community_id, user).await? {
        Some((member, _)) if member == request.decider || member == request.requester => {
            Ok((request, member))
        }
        _ => Err(AppError::NotFound("request")),
    }
}

/// A question the caller may see: members of its community; a hidden one only its asker and
/// moderators.
pub async fn visible_question(
    store: &Store,
    id: QuestionId,
    user: UserId,
) -> Result<(Question, AsMember), AppError> {
    let question = store.question(id).await?;
    let m = as_member(store, question.community_id, user)
        .await
        .map_err(|e| e.hidden_as("question"))?;
    if question.hidden_reason.is_some() && question.asker != m.member && !m.role.can_moderate() {
        return Err(AppError::NotFound("question"));
    }
    Ok((question, m))
}
