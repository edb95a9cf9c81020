"""moto server that handles one request at a time.

moto's threaded server has no locks: two concurrent conditional writes can both pass
their condition, which real DynamoDB never allows (every PutItem, UpdateItem and
TransactWriteItems is atomic). Serialising the requests gives the emulator that
guarantee, so the concurrency tests test our conditions, not moto's races.

It also changes how a TransactWriteItems is undone when one of its items fails. moto
deep-copies every table the transaction names, with its stream, once per item, to put
the copy back; that copy grows with the table, and so with every test that wrote to it:
in the test command it was most of the time of the load test on the emulator (a 100-way
race took minutes). Here the same loop (moto 5.2's, below, unchanged otherwise) keeps
only what it is about to overwrite: each touched item as it was, and the length of each
table's stream. Undoing puts those items back and drops the stream records written
since, which leaves the tables exactly as the copies would have.

Usage: python moto_atomic.py <host> <port>
"""
import copy
import os
import sys
import threading

from werkzeug.serving import run_simple

from moto.dynamodb import models as dynamodb
from moto.dynamodb.models import DynamoDBBackend
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


def transact_write_items(self, transact_items):
    """moto 5.2's TransactWriteItems, undone from a journal instead of table copies."""
    if len(transact_items) > 100:
        raise dynamodb.TooManyTransactionsException()
    streams = []
    for item in transact_items:
        _, op = next(iter(item.items()))
        table = self.tables.get(op.get("TableName"))
        if table is not None and table.stream_shard is not None and all(t is not table for t, _ in streams):
            streams.append((table, len(table.stream_shard.items)))
    journal = []  # (table, hash value, range value, the item before or None), in write order

    def undo():
        for table, hash_value, range_value, before in reversed(journal):
            if range_value is None:
                if before is None:
                    table.items.pop(hash_value, None)
                else:
                    table.items[hash_value] = before
            else:
                partition = table.items.get(hash_value)
                if before is None:
                    if partition is not None:
                        partition.pop(range_value, None)
                        if not partition:
                            table.items.pop(hash_value, None)
                else:
                    table.items[hash_value][range_value] = before
        for table, length in streams:
            del table.stream_shard.items[length:]

    target_items = set()

    def check_unicity(table_name, key):
        item = (str(table_name), str(dict(sorted(key.items()))))
        if item in target_items:
            raise dynamodb.MultipleTransactionsException()
        target_items.add(item)

    errors = []
    for item in transact_items:
        original_item = None
        if len(list(item.keys())) > 1:
            raise dynamodb.TransactWriteSingleOpException
        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            condition_expression = op.get("ConditionExpression")
            names = op.get("ExpressionAttributeNames")
            values = op.get("ExpressionAttributeValues")
            if op_type == "Put":
                attrs = op["Item"]
                table = self.get_table(table_name)
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            check_unicity(table_name, key)
            current = self.get_item(table_name, key)
            if condition_expression is not None:
                condition_op = dynamodb.get_filter_expression(condition_expression, names, values)
                if not condition_op.expr(current):
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise dynamodb.ConditionalCheckFailed(item=original_item)
            if op_type != "ConditionCheck":
                table = self.get_table(table_name)
                hash_value, range_value = self.get_keys_value(table, key)
                journal.append((table, hash_value, range_value, copy.deepcopy(current)))
            if op_type == "Put":
                self.put_item(
                    table_name,
                    op["Item"],
                    condition_expression=condition_expression,
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
            elif op_type == "Delete":
                self.delete_item(
                    table_name,
                    key,
                    condition_expression=condition_expression,
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
            elif op_type == "Update":
                self.update_item(
                    table_name,
                    key,
                    update_expression=op["UpdateExpression"],
                    condition_expression=condition_expression,
                    expression_attribute_names=names,
                    expression_attribute_values=values,
                )
            errors.append((None, None, None))
        except (dynamodb.MultipleTransactionsException, dynamodb.MockValidationException):
            undo()
            raise
        except dynamodb.ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: BLE001 (moto reports any other failure per item)
            errors.append((type(e).__name__, str(e), original_item))
    if any(code is not None for code, _, _ in errors):
        undo()
        raise dynamodb.TransactionCanceledException(errors)


DynamoDBBackend.transact_write_items = transact_write_items

host, port = sys.argv[1], int(sys.argv[2])
os.environ.setdefault("MOTO_PORT", str(port))
app = DomainDispatcherApplication(create_backend_app)
one_at_a_time = threading.Lock()


def atomic(environ, start_response):
    with one_at_a_time:
        # The whole answer is produced under the lock.
        return list(app(environ, start_response))


run_simple(host, port, atomic, threaded=True, request_handler=MotoRequestHandler)
