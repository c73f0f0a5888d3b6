"""SQLAlchemy (Debian's python3-sqlalchemy, 1.4) over two of its PostgreSQL
dialects: psycopg2 and asyncpg (through the asyncio extension; every step
then runs inside AsyncConnection.run_sync). Debian's SQLAlchemy 1.4 has no
psycopg 3 dialect (it came with 2.0).

Covered: the dialect's first-connect queries (version, current_schema,
standard_conforming_strings); MetaData.create_all of tables with SERIAL,
BIGSERIAL and IDENTITY keys, String(n), Text, Numeric, Float, Boolean, Date,
DateTime with and without a time zone, Interval, a ForeignKey with ON DELETE
CASCADE, UniqueConstraint, CheckConstraint and Index, has_table, drop_all;
Core insert (single, executemany, insert().returning()), select with a
join, where, order by and limit, update and delete; the ORM with a
relationship (add, commit, query, filter, update, delete, rollback); a
model with JSON and JSONB columns and their operators in queries;
reflection through inspect() (tables, views, columns with their types,
defaults and identity, primary key, foreign keys, indexes, unique and check
constraints) and Table(..., autoload_with=...).

Every step runs for each dialect even when an earlier one failed, each on
its own tables and connection, and the failures are listed at the end. Run
by sqlalchemy_test.sh against Basalt; passes against PostgreSQL 15 too.
Usage: sqlalchemy_test.py <port> [step ...]   (a step is `name` or
`name[dialect]`)"""
import asyncio
import datetime
import decimal
import os
import sys
import traceback

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.ext.asyncio import create_async_engine

PORT = int(sys.argv[1])
WANTED = sys.argv[2:]
URLS = {
    "psycopg2": f"postgresql+psycopg2://basalt@127.0.0.1:{PORT}/basalt",
    "asyncpg": f"postgresql+asyncpg://basalt@127.0.0.1:{PORT}/basalt",
}
UTC = datetime.timezone.utc


class Failure(Exception):
    pass


def check(actual, expected, what):
    if actual != expected:
        raise Failure(f"{what}: got {actual!r}, expected {expected!r}")


# --- the schema the steps create -------------------------------------------


def library_schema(prefix):
    """Authors (SERIAL key) and books (BIGSERIAL key, every column type, a
    foreign key, unique / check constraints, an index), and loans (IDENTITY
    key). `prefix` keeps each step's tables apart."""
    metadata = sa.MetaData()
    authors = sa.Table(
        f"{prefix}_authors", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(50), nullable=False, unique=True),
        sa.Column("bio", sa.Text),
    )
    books = sa.Table(
        f"{prefix}_books", metadata,
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("author_id", sa.Integer,
                  sa.ForeignKey(f"{prefix}_authors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("price", sa.Numeric(10, 2)),
        sa.Column("rating", sa.Float),
        sa.Column("in_print", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("published", sa.Date),
        sa.Column("added", sa.DateTime),
        sa.Column("added_tz", sa.DateTime(timezone=True)),
        sa.Column("loan_period", sa.Interval),
        sa.UniqueConstraint("author_id", "title", name=f"{prefix}_books_author_title"),
        sa.CheckConstraint("price >= 0", name=f"{prefix}_books_price_check"),
        sa.Index(f"{prefix}_books_published_idx", "published"),
    )
    loans = sa.Table(
        f"{prefix}_loans", metadata,
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("book_id", sa.BigInteger, sa.ForeignKey(f"{prefix}_books.id")),
        sa.Column("borrower", sa.String(40), server_default="nobody"),
        sa.Column("copies", sa.Integer, server_default=sa.text("1")),
    )
    return metadata, authors, books, loans


def fresh_schema(conn, prefix):
    metadata, authors, books, loans = library_schema(prefix)
    metadata.drop_all(conn)
    metadata.create_all(conn)
    return metadata, authors, books, loans


BOOK_1 = dict(title="Dune", price=decimal.Decimal("9.99"), rating=4.5, in_print=True,
              published=datetime.date(1965, 8, 1),
              added=datetime.datetime(2024, 2, 29, 13, 45, 30, 123456),
              added_tz=datetime.datetime(2024, 2, 29, 12, 0, tzinfo=UTC),
              loan_period=datetime.timedelta(days=14, hours=3))


# --- steps: each takes a (synchronous) Connection --------------------------


def step_connect(conn):
    """What the dialect learned while connecting."""
    dialect = conn.dialect
    check(dialect.server_version_info[0], 15, "server major version")
    check(dialect.default_schema_name, "public", "default schema")
    check(conn.exec_driver_sql("show standard_conforming_strings").scalar(), "on",
          "standard_conforming_strings")
    check(conn.execute(sa.select(sa.literal("x", sa.String(60)) + "y")).scalar(), "xy",
          "a VARCHAR(60) literal")
    check(conn.execute(sa.select(sa.func.current_schema())).scalar(), "public",
          "current_schema()")


def step_create_and_drop(conn):
    """create_all, has_table, drop_all."""
    metadata, authors, books, loans = fresh_schema(conn, "sa_ddl")
    inspector = sa.inspect(conn)
    for table in (authors, books, loans):
        check(inspector.has_table(table.name), True, f"has_table({table.name})")
    check(inspector.has_table("sa_ddl_missing"), False, "has_table of a missing table")
    check(conn.dialect.has_sequence(conn, "sa_ddl_authors_id_seq"), True,
          "has_sequence of the SERIAL's sequence")
    metadata.drop_all(conn)
    inspector = sa.inspect(conn)
    check(inspector.has_table(books.name), False, "has_table after drop_all")
    check(conn.dialect.has_sequence(conn, "sa_ddl_authors_id_seq"), False,
          "the SERIAL's sequence dropped with its table")


def step_core_insert(conn):
    """insert: single, executemany, returning; the keys serial gave out."""
    _, authors, books, loans = fresh_schema(conn, "sa_ins")
    result = conn.execute(authors.insert().values(name="Herbert", bio="Dune's author"))
    check(result.inserted_primary_key, (1,), "a SERIAL key through inserted_primary_key")
    conn.execute(authors.insert(), [{"name": "Le Guin"}, {"name": "Banks"}])
    check(conn.execute(sa.select(authors.c.name).order_by(authors.c.id)).scalars().all(),
          ["Herbert", "Le Guin", "Banks"], "rows of an executemany")
    returned = conn.execute(authors.insert().returning(authors.c.id, authors.c.name),
                            {"name": "Wolfe"}).all()
    check([tuple(r) for r in returned], [(4, "Wolfe")], "insert ... returning")
    book_id = conn.execute(books.insert().returning(books.c.id),
                           dict(BOOK_1, author_id=1)).scalar_one()
    check(book_id, 1, "a BIGSERIAL key returned")
    row = conn.execute(sa.select(books).where(books.c.id == book_id)).one()
    check(dict(row._mapping), dict(BOOK_1, id=1, author_id=1), "every column type round trip")
    loan = conn.execute(loans.insert().returning(loans.c.id, loans.c.borrower),
                        {"book_id": book_id}).one()
    check(tuple(loan), (1, "nobody"), "an IDENTITY key and a server default returned")


def step_core_select(conn):
    """select with a join, where, order by, limit; aggregates."""
    _, authors, books, _ = fresh_schema(conn, "sa_sel")
    conn.execute(authors.insert(), [{"name": n} for n in ("Herbert", "Le Guin", "Banks")])
    conn.execute(books.insert(), [
        {"author_id": 1, "title": "Dune", "price": decimal.Decimal("9.99")},
        {"author_id": 1, "title": "Children of Dune", "price": decimal.Decimal("7.50")},
        {"author_id": 2, "title": "The Dispossessed", "price": decimal.Decimal("8.25")},
        {"author_id": 3, "title": "Excession", "price": None},
    ])
    query = (sa.select(authors.c.name, books.c.title)
             .select_from(authors.join(books))
             .where(books.c.price > 8)
             .order_by(books.c.price.desc())
             .limit(5))
    check([tuple(r) for r in conn.execute(query)],
          [("Herbert", "Dune"), ("Le Guin", "The Dispossessed")], "join, where, order, limit")
    per_author = (sa.select(authors.c.name, sa.func.count(books.c.id).label("n"))
                  .select_from(authors.outerjoin(books))
                  .group_by(authors.c.name)
                  .order_by(sa.desc("n"), authors.c.name)
                  .limit(2).offset(1))
    check([tuple(r) for r in conn.execute(per_author)], [("Banks", 1), ("Le Guin", 1)],
          "outer join, group by, offset")
    titles = sa.select(books.c.title).where(
        books.c.author_id.in_(sa.select(authors.c.id).where(authors.c.name.like("H%"))),
        books.c.title.ilike("%dune%")).order_by(books.c.title)
    check(conn.execute(titles).scalars().all(), ["Children of Dune", "Dune"],
          "IN subquery, LIKE, ILIKE")
    check(conn.execute(sa.select(books.c.title).where(books.c.id.in_([2, 4]))
                       .order_by(books.c.id)).scalars().all(),
          ["Children of Dune", "Excession"], "an expanding IN list")


def step_core_update_delete(conn):
    """update and delete with their row counts; the cascade of the FK."""
    _, authors, books, _ = fresh_schema(conn, "sa_upd")
    conn.execute(authors.insert(), [{"name": "Herbert"}, {"name": "Banks"}])
    conn.execute(books.insert(), [
        {"author_id": 1, "title": "Dune", "price": decimal.Decimal("9.99")},
        {"author_id": 2, "title": "Excession", "price": decimal.Decimal("5.00")},
        {"author_id": 2, "title": "Matter", "price": decimal.Decimal("6.00")},
    ])
    result = conn.execute(books.update().where(books.c.author_id == 2)
                          .values(price=books.c.price * 2))
    check(result.rowcount, 2, "update row count")
    updated = conn.execute(books.update().where(books.c.title == "Dune")
                           .values(in_print=False).returning(books.c.id, books.c.in_print))
    check([tuple(r) for r in updated], [(1, False)], "update ... returning")
    check(conn.execute(sa.select(sa.func.sum(books.c.price))).scalar(),
          decimal.Decimal("31.99"), "prices after the update")
    result = conn.execute(authors.delete().where(authors.c.name == "Banks"))
    check(result.rowcount, 1, "delete row count")
    check(conn.execute(sa.select(books.c.title)).scalars().all(), ["Dune"],
          "ON DELETE CASCADE removed the books")


def orm_models(prefix):
    base = orm.declarative_base()

    class Author(base):
        __tablename__ = f"{prefix}_authors"
        id = sa.Column(sa.Integer, primary_key=True)
        name = sa.Column(sa.String(50), nullable=False, unique=True)
        books = orm.relationship("Book", back_populates="author", order_by="Book.id",
                                 cascade="all, delete-orphan")

    class Book(base):
        __tablename__ = f"{prefix}_books"
        id = sa.Column(sa.BigInteger, primary_key=True)
        author_id = sa.Column(sa.ForeignKey(f"{prefix}_authors.id"), nullable=False)
        title = sa.Column(sa.String(200), nullable=False)
        price = sa.Column(sa.Numeric(10, 2))
        added = sa.Column(sa.DateTime(timezone=True), server_default=sa.func.now())
        author = orm.relationship("Author", back_populates="books")

    return base, Author, Book


def step_orm(conn):
    """Declarative models with a relationship through a Session."""
    base, Author, Book = orm_models("sa_orm")
    base.metadata.drop_all(conn)
    base.metadata.create_all(conn)
    conn.commit()  # the sessions below begin and commit transactions of their own
    with orm.Session(bind=conn) as session:
        herbert = Author(name="Herbert", books=[Book(title="Dune", price=decimal.Decimal("9.99")),
                                                Book(title="Dune Messiah")])
        session.add_all([herbert, Author(name="Banks")])
        session.commit()
        check((herbert.id, [b.id for b in herbert.books]), (1, [1, 2]), "keys after commit")
        check(type(herbert.books[0].added), datetime.datetime, "server default fetched")

    with orm.Session(bind=conn) as session:
        author = session.query(Author).filter(Author.name == "Herbert").one()
        check([b.title for b in author.books], ["Dune", "Dune Messiah"], "lazy-loaded books")
        titles = (session.query(Book.title).join(Book.author)
                  .filter(Author.name == "Herbert", Book.price.is_(None)).all())
        check([t for (t,) in titles], ["Dune Messiah"], "query with a join and a filter")
        author.books[1].price = decimal.Decimal("4.50")
        session.add(Book(title="Excession", author=session.query(Author).filter_by(
            name="Banks").one()))
        session.commit()
        check(session.scalar(sa.select(sa.func.count()).select_from(Book)), 3, "three books")

    with orm.Session(bind=conn) as session:
        session.query(Book).filter(Book.price < 5).update({Book.price: Book.price + 1},
                                                          synchronize_session="fetch")
        session.commit()
        check(session.get(Book, 2).price, decimal.Decimal("5.50"), "bulk update")
        session.add(Author(name="Le Guin"))
        session.get(Book, 1).title = "changed"
        session.flush()
        session.rollback()
        check(session.query(Author).filter_by(name="Le Guin").count(), 0, "rolled back insert")
        check(session.get(Book, 1).title, "Dune", "rolled back update")
        session.delete(session.query(Author).filter_by(name="Herbert").one())
        session.commit()
        check(session.query(Book.title).scalar(), "Excession", "delete-orphan cascade")
        try:
            session.add(Author(name="Banks"))
            session.commit()
            raise Failure("a duplicate name was accepted")
        except sa.exc.IntegrityError as e:
            check(e.orig.sqlstate if hasattr(e.orig, "sqlstate") else e.orig.pgcode, "23505",
                  "unique violation")
            session.rollback()
        check(session.query(Author.name).order_by(Author.name).all(), [("Banks",)],
              "after the failed commit")


def step_reflect_tables(conn):
    """get_table_names, get_view_names, has_table."""
    fresh_schema(conn, "sa_rt")
    conn.exec_driver_sql("drop view if exists sa_rt_cheap")
    conn.exec_driver_sql("create view sa_rt_cheap as select id, title from sa_rt_books "
                         "where price < 10")
    inspector = sa.inspect(conn)
    tables = [t for t in inspector.get_table_names() if t.startswith("sa_rt_")]
    check(sorted(tables), ["sa_rt_authors", "sa_rt_books", "sa_rt_loans"], "get_table_names")
    views = [v for v in inspector.get_view_names() if v.startswith("sa_rt_")]
    check(views, ["sa_rt_cheap"], "get_view_names")
    check(inspector.get_schema_names().count("public"), 1, "get_schema_names")
    columns = [(c["name"], str(c["type"])) for c in inspector.get_columns("sa_rt_cheap")]
    check(columns, [("id", "BIGINT"), ("title", "VARCHAR(200)")], "a view's columns")
    conn.exec_driver_sql("drop view sa_rt_cheap")


def step_reflect_columns(conn):
    """get_columns: types, nullability, defaults, autoincrement, identity."""
    fresh_schema(conn, "sa_rc")
    inspector = sa.inspect(conn)
    columns = inspector.get_columns("sa_rc_books")
    check([(c["name"], type(c["type"]).__name__, c["nullable"]) for c in columns], [
        ("id", "BIGINT", False), ("author_id", "INTEGER", False),
        ("title", "VARCHAR", False), ("price", "NUMERIC", True),
        ("rating", "DOUBLE_PRECISION", True), ("in_print", "BOOLEAN", False),
        ("published", "DATE", True), ("added", "TIMESTAMP", True),
        ("added_tz", "TIMESTAMP", True), ("loan_period", "INTERVAL", True),
    ], "names, types and nullability")
    by_name = {c["name"]: c for c in columns}
    check(by_name["id"]["default"], "nextval('sa_rc_books_id_seq'::regclass)", "BIGSERIAL default")
    check(by_name["id"]["autoincrement"], True, "BIGSERIAL autoincrement")
    check(by_name["in_print"]["default"], "true", "boolean server default")
    check(by_name["title"]["default"], None, "no default")
    check((by_name["added"]["type"].timezone, by_name["added_tz"]["type"].timezone),
          (False, True), "TIMESTAMP with and without a time zone")
    check((by_name["price"]["type"].precision, by_name["price"]["type"].scale), (10, 2),
          "NUMERIC precision and scale")
    check(by_name["title"]["type"].length, 200, "VARCHAR length")
    loans = {c["name"]: c for c in inspector.get_columns("sa_rc_loans")}
    identity = loans["id"].get("identity")
    check(identity is not None and (identity["always"], identity["start"], identity["increment"]),
          (False, 1, 1), "IDENTITY column")
    check(loans["id"]["default"], None, "an IDENTITY column has no default")
    check(loans["borrower"]["default"], "'nobody'::character varying", "a varchar default")
    check(loans["copies"]["default"], "1", "an integer default")
    authors = {c["name"]: c for c in inspector.get_columns("sa_rc_authors")}
    check((str(authors["bio"]["type"]), authors["id"]["default"]),
          ("TEXT", "nextval('sa_rc_authors_id_seq'::regclass)"), "TEXT and SERIAL")


def step_reflect_constraints(conn):
    """get_pk_constraint, get_foreign_keys, get_unique_constraints,
    get_check_constraints, get_indexes."""
    fresh_schema(conn, "sa_rk")
    inspector = sa.inspect(conn)
    check(inspector.get_pk_constraint("sa_rk_books"),
          {"constrained_columns": ["id"], "name": "sa_rk_books_pkey"}, "primary key")
    fks = inspector.get_foreign_keys("sa_rk_books")
    check(fks, [{"name": "sa_rk_books_author_id_fkey", "constrained_columns": ["author_id"],
                 "referred_schema": None, "referred_table": "sa_rk_authors",
                 "referred_columns": ["id"], "options": {"ondelete": "CASCADE"}}],
          "foreign key with ON DELETE CASCADE")
    fks = inspector.get_foreign_keys("sa_rk_loans")
    check([(f["name"], f["constrained_columns"], f["referred_table"], f["referred_columns"],
            f["options"]) for f in fks],
          [("sa_rk_loans_book_id_fkey", ["book_id"], "sa_rk_books", ["id"], {})],
          "a plain foreign key")
    uniques = sorted(inspector.get_unique_constraints("sa_rk_books"), key=lambda u: u["name"])
    check(uniques, [{"column_names": ["author_id", "title"], "name": "sa_rk_books_author_title"}],
          "unique constraint")
    check(inspector.get_unique_constraints("sa_rk_authors"),
          [{"column_names": ["name"], "name": "sa_rk_authors_name_key"}], "unique=True column")
    checks = inspector.get_check_constraints("sa_rk_books")
    check(checks, [{"name": "sa_rk_books_price_check", "sqltext": "price >= (0)::numeric"}],
          "check constraint")
    indexes = sorted(inspector.get_indexes("sa_rk_books"), key=lambda i: i["name"])
    check([(i["name"], i["column_names"], i["unique"]) for i in indexes], [
        ("sa_rk_books_author_title", ["author_id", "title"], True),
        ("sa_rk_books_published_idx", ["published"], False),
    ], "indexes")
    check(indexes[0].get("duplicates_constraint"), "sa_rk_books_author_title",
          "the unique constraint's index is marked")


def step_autoload(conn):
    """Table(..., autoload_with=...) and MetaData.reflect, then used for DML."""
    fresh_schema(conn, "sa_al")
    metadata = sa.MetaData()
    books = sa.Table("sa_al_books", metadata, autoload_with=conn)
    check(list(books.c.keys()), ["id", "author_id", "title", "price", "rating", "in_print",
                                 "published", "added", "added_tz", "loan_period"], "columns")
    check([c.name for c in books.primary_key.columns], ["id"], "primary key")
    check(books.c.id.autoincrement, True, "autoincrement key")
    check(sorted(fk.target_fullname for fk in books.foreign_keys), ["sa_al_authors.id"],
          "foreign key target")
    check("sa_al_authors" in metadata.tables, True, "the referred table was reflected too")
    check(sorted(i.name for i in books.indexes), ["sa_al_books_published_idx"], "indexes")
    check(sorted(c.name for c in books.constraints if isinstance(c, sa.CheckConstraint)),
          ["sa_al_books_price_check"], "check constraints")
    authors = metadata.tables["sa_al_authors"]
    conn.execute(authors.insert(), [{"name": "Herbert"}])
    conn.execute(books.insert(), [dict(BOOK_1, author_id=1)])
    row = conn.execute(sa.select(books.c.id, books.c.loan_period, authors.c.name)
                       .join_from(books, authors)).one()
    check(tuple(row), (1, datetime.timedelta(days=14, hours=3), "Herbert"),
          "DML through reflected tables")
    everything = sa.MetaData()
    everything.reflect(conn, only=lambda name, _: name.startswith("sa_al_"))
    check(sorted(everything.tables), ["sa_al_authors", "sa_al_books", "sa_al_loans"],
          "MetaData.reflect")
    everything.drop_all(conn)
    check(sa.inspect(conn).has_table("sa_al_books"), False, "drop_all of reflected tables")


def step_orm_json(conn):
    """A declarative model with JSON and JSONB columns: dicts and lists in and
    out, SQLAlchemy's JSON operators (->>, @>, ?) in queries, an update of
    a whole document, NULL against JSON null."""
    from sqlalchemy.dialects import postgresql
    base = orm.declarative_base()

    class Doc(base):
        __tablename__ = "sa_json_docs"
        id = sa.Column(sa.Integer, primary_key=True)
        data = sa.Column(postgresql.JSON)
        tags = sa.Column(postgresql.JSONB)

    base.metadata.drop_all(conn)
    base.metadata.create_all(conn)
    conn.commit()
    with orm.Session(bind=conn) as session:
        session.add_all([
            Doc(id=1, data={"name": "ann", "n": [1, 2.5]}, tags={"a": True, "b": [1]}),
            Doc(id=2, data=[1, "two", None], tags=["x", "y"]),
            Doc(id=3, data=None, tags=None),
        ])
        session.commit()
    with orm.Session(bind=conn) as session:
        check(session.get(Doc, 1).data, {"name": "ann", "n": [1, 2.5]}, "a JSON document")
        check(session.get(Doc, 2).tags, ["x", "y"], "a JSONB array")
        check(session.get(Doc, 3).data, None, "NULL")
        names = session.query(Doc.id).filter(Doc.data["name"].astext == "ann").all()
        check(names, [(1,)], "->> in a filter")
        check(session.query(Doc.id).filter(Doc.tags.contains({"b": [1]})).all(), [(1,)],
              "@> in a filter")
        check(session.query(Doc.id).filter(Doc.tags.has_key("x")).all(), [(2,)],
              "? in a filter")
        doc = session.get(Doc, 1)
        doc.data = {"name": "bob"}
        session.commit()
        check(session.query(Doc.data["name"].astext).filter(Doc.id == 1).scalar(), "bob",
              "an updated document")
        check(session.scalar(sa.select(sa.func.jsonb_typeof(Doc.tags)).where(Doc.id == 2)),
              "array", "jsonb_typeof")


STEPS = [step_connect, step_create_and_drop, step_core_insert, step_core_select,
         step_core_update_delete, step_orm, step_orm_json, step_reflect_tables,
         step_reflect_columns, step_reflect_constraints, step_autoload]


# --- running the steps under each dialect ----------------------------------


def run_psycopg2(step):
    engine = sa.create_engine(URLS["psycopg2"], future=True, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            step(conn)
            if conn.in_transaction():
                conn.commit()
    finally:
        engine.dispose()


def run_asyncpg(step):
    async def run():
        engine = create_async_engine(URLS["asyncpg"], poolclass=sa.pool.NullPool)
        try:
            async with engine.connect() as conn:
                await conn.run_sync(step)
                if conn.in_transaction():
                    await conn.commit()
        finally:
            await engine.dispose()
    asyncio.run(run())


RUNNERS = {"psycopg2": run_psycopg2, "asyncpg": run_asyncpg}


def main():
    passed, failed = 0, []
    for dialect, runner in RUNNERS.items():
        for step in STEPS:
            name = step.__name__[len("step_"):]
            label = f"{name}[{dialect}]"
            if WANTED and name not in WANTED and label not in WANTED:
                continue
            try:
                runner(step)
                passed += 1
                print(f"ok   {label}")
            except Exception as e:  # every failure is reported, the next step still runs
                failed.append(label)
                kind = "" if isinstance(e, Failure) else f"{type(e).__name__}: "
                print(f"FAIL {label}: {kind}{e}")
                if not isinstance(e, Failure):
                    traceback.print_exc(limit=-4)
    print(f"sqlalchemy: {passed} passed, {len(failed)} failed")
    return 1 if failed else 0


sys.exit(main())
