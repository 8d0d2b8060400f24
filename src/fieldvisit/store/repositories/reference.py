"""Reference data in the store: towns, villages, users, effective-dated parameters and legal bases."""

from __future__ import annotations

from sqlmodel import col, select

from fieldvisit.domain.places import Town, Village
from fieldvisit.domain.shared import LegalBasis, Parameter, User
from fieldvisit.store.repositories.base import Repository


class ReferenceRepository(Repository):
    """Read access to the reference tables that every screen's filters and forms need."""

    def towns(self) -> list[Town]:
        """Active towns in division-code order."""
        with self._session() as session:
            return list(session.exec(select(Town).where(col(Town.active)).order_by(Town.division_code)).all())

    def villages(self, town_code: str = "") -> list[Village]:
        """Active villages, of one town when given, by name."""
        query = select(Village).where(col(Village.active))
        if town_code:
            query = query.where(Village.town_code == town_code)
        with self._session() as session:
            return list(session.exec(query.order_by(Village.town_code, Village.id)).all())

    def users(self, role: str = "") -> list[User]:
        """Staff accounts known on this device, of one role when given."""
        query = select(User).where(col(User.deleted).is_(False))
        if role:
            query = query.where(User.role == role)
        with self._session() as session:
            return list(session.exec(query.order_by(User.display_name)).all())

    def user(self, user_id: str) -> User | None:
        """One staff account."""
        with self._session() as session:
            return session.get(User, user_id)

    def parameters(self) -> list[Parameter]:
        """Every parameter row (a ParameterSet is built over them)."""
        with self._session() as session:
            return list(session.exec(select(Parameter)).all())

    def legal_bases(self) -> list[LegalBasis]:
        """Every legal-basis template version."""
        with self._session() as session:
            return list(session.exec(select(LegalBasis).order_by(LegalBasis.code, LegalBasis.effective_from)).all())
